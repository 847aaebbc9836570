// TestState's mock.fieldValidationMode: mocked Task results checked against the API's output
// shape. AWS's recorded field_validation_mode cases run against the botocore models Debian
// ships; the type rules run against a small hand-written model, so they hold without it.
#include "model/json/jsonreader.h"
#include "simulator/api/mockedoperation.h"
#include "simulator/api/mockresultcheck.h"
#include "simulator/api/mockshapevalidator.h"
#include "simulator/api/servicemodels.h"
#include "testdata.h"

#include <QtTest>

using namespace Stepwise;
using Model::Json;

namespace {

Json parse(const QString &text)
{
    auto parsed = Model::readJson(text.toStdString(), {false});
    return parsed ? parsed->value : Json();
}

// Every shape type botocore models use, with the constraints the validator honours.
const nlohmann::json &typeModel()
{
    static const nlohmann::json model = nlohmann::json::parse(R"({
      "operations": {
        "GetThing": {"name": "GetThing", "output": {"shape": "GetThingOutput"}},
        "NoOutput": {"name": "NoOutput"}
      },
      "shapes": {
        "GetThingOutput": {"type": "structure", "required": ["thingArn", "Count"], "members": {
          "thingArn": {"shape": "Arn"}, "Count": {"shape": "Integer"},
          "Size": {"shape": "Long"}, "Ratio": {"shape": "Float"}, "Share": {"shape": "Double"},
          "Enabled": {"shape": "Boolean"}, "Created": {"shape": "Timestamp"},
          "Data": {"shape": "Blob"}, "Colour": {"shape": "Colour"}, "Memory": {"shape": "Memory"},
          "Tags": {"shape": "TagList"}, "Labels": {"shape": "LabelMap"},
          "Owner": {"shape": "Owner"}, "Extra": {"shape": "Doc"}, "Body": {"shape": "Blob"}}},
        "Arn": {"type": "string", "min": 1, "max": 12},
        "Integer": {"type": "integer"}, "Long": {"type": "long"},
        "Float": {"type": "float", "min": 0.5, "max": 2}, "Double": {"type": "double"},
        "Boolean": {"type": "boolean"}, "Timestamp": {"type": "timestamp"},
        "Blob": {"type": "blob", "min": 1, "max": 4},
        "Colour": {"type": "string", "enum": ["RED", "GREEN"]},
        "Memory": {"type": "integer", "min": 128, "max": 10240},
        "TagList": {"type": "list", "member": {"shape": "Tag"}},
        "Tag": {"type": "structure", "required": ["Key"], "members": {
          "Key": {"shape": "Arn"}, "Value": {"shape": "Arn"}}},
        "LabelMap": {"type": "map", "key": {"shape": "Arn"}, "value": {"shape": "Integer"}},
        "Owner": {"type": "structure", "members": {"Name": {"shape": "Arn"},
          "Parent": {"shape": "Owner"}}},
        "Doc": {"type": "structure", "members": {}, "document": true}
      }})");
    return model;
}

} // namespace

class tst_MockShapeValidator : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void awsCases_data();
    void awsCases();
    void typeRules_data();
    void typeRules();
    void resources_data();
    void resources();
    void serviceNames_data();
    void serviceNames();
    void missingModelsSkipValidation();

  private:
    // One loader for every row, as the server keeps one: models are parsed once.
    Api::ServiceModels m_models{Api::ServiceModels::defaultDirectory()};
};

void tst_MockShapeValidator::awsCases_data()
{
    QTest::addColumn<QString>("file");
    const QString root = Tests::sharedPath("conformance/localstack/test_state/test_state");
    int rows = 0;
    for (const QString &file : Tests::filesUnder(root, QStringLiteral("field_validation_mode*"))) {
        QTest::newRow(qPrintable(QFileInfo(file).fileName())) << file;
        ++rows;
    }
    QVERIFY(rows >= 25);
}

void tst_MockShapeValidator::awsCases()
{
    QFETCH(QString, file);
    Api::ServiceModels &models = m_models;
    if (models.serviceCount() == 0)
        QSKIP("python3-botocore's service models are not installed");
    auto parsed = Model::readJsonFile(file.toStdString(), {false});
    QVERIFY(parsed.ok());
    const Json &c = parsed->value;
    const Json &mock = c["request"]["mock"];
    const Json result = parse(QString::fromStdString(mock["result"].get<std::string>()));
    const auto error = Api::checkMockResult(models, c["definition"], mock, &result);
    const Json &expected = c["expected"];
    if (expected.contains("api_error")) {
        QVERIFY2(error, "the mocked result was accepted");
        QCOMPARE(QString::fromStdString(error->type),
                 QString::fromStdString(expected["api_error"]["code"].get<std::string>()));
        QCOMPARE(QString::fromStdString(error->message),
                 QString::fromStdString(expected["api_error"]["message"].get<std::string>()));
        QCOMPARE(error->httpStatus, expected["api_error"]["http_status"].get<int>());
    } else {
        QVERIFY2(!error, error ? error->message.c_str() : "");
    }
}

void tst_MockShapeValidator::typeRules_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("result");
    QTest::addColumn<QString>("error"); // empty: accepted

    const QString ok = R"("ThingArn": "arn", "Count": 1)";
    auto with = [&](const QString &fields) { return "{" + ok + ", " + fields + "}"; };
    auto field = [](const char *name, const char *problem) {
        return QStringLiteral("Mock result schema validation error: Field '%1' %2")
            .arg(QLatin1String(name), QLatin1String(problem));
    };
    QTest::newRow("allFine") << "STRICT" << with(R"("Size": 9000000000, "Ratio": 1.5,
        "Share": 3, "Enabled": false, "Created": "2024-01-01T00:00:00Z", "Data": "AQ==",
        "Colour": "RED", "Memory": 128, "Tags": [{"Key": "k", "Value": "v"}],
        "Labels": {"a": 1}, "Owner": {"Name": "me", "Parent": {"Name": "you"}},
        "Extra": {"any": ["json", 1]})")
                             << "";
    QTest::newRow("strictRequiredMissing")
        << "STRICT"
        << R"({"Count": 1})"
        << "Mock result schema validation error: Required field 'ThingArn' is missing";
    QTest::newRow("strictRequiredNull")
        << "STRICT"
        << R"({"ThingArn": "a", "Count": null})"
        << "Mock result schema validation error: Required field 'Count' is missing";
    QTest::newRow("strictModelCaseIsNotSfnCase")
        << "STRICT"
        << R"({"thingArn": "a", "Count": 1})"
        << "Mock result schema validation error: Required field 'ThingArn' is missing";
    QTest::newRow("presentRequiredMissing") << "PRESENT"
                                            << R"({"Count": 1})"
                                            << "";
    QTest::newRow("presentEmpty") << "PRESENT"
                                  << "{}"
                                  << "";
    QTest::newRow("noneAnything") << "NONE"
                                  << R"({"Count": "x", "Tags": 1})"
                                  << "";
    QTest::newRow("unknownFieldAccepted") << "STRICT" << with(R"("Surprise": [1])") << "";
    QTest::newRow("nullFieldAccepted") << "PRESENT"
                                       << R"({"Size": null})"
                                       << "";
    QTest::newRow("stringWrongType")
        << "PRESENT"
        << R"({"ThingArn": 5})" << field("ThingArn", "must be a string");
    QTest::newRow("stringTooShort")
        << "PRESENT"
        << R"({"ThingArn": ""})" << field("ThingArn", "is smaller than the minimum length");
    QTest::newRow("stringTooLong")
        << "PRESENT"
        << R"({"ThingArn": "0123456789abc"})" << field("ThingArn", "exceeds the maximum length");
    QTest::newRow("stringLengthCountsCharacters") << "PRESENT"
                                                  << R"({"ThingArn": "ééééééééééé"})"
                                                  << "";
    QTest::newRow("enumUnknown") << "PRESENT"
                                 << R"({"Colour": "BLUE"})"
                                 << field("Colour", "is not an expected value");
    QTest::newRow("enumWrongCase")
        << "PRESENT"
        << R"({"Colour": "red"})" << field("Colour", "is not an expected value");
    QTest::newRow("integerAsString") << "PRESENT"
                                     << R"({"Count": "1"})" << field("Count", "must be a number");
    QTest::newRow("integerAsBool") << "PRESENT"
                                   << R"({"Count": true})" << field("Count", "must be a number");
    QTest::newRow("integerFraction") << "PRESENT"
                                     << R"({"Count": 1.5})" << field("Count", "must be an integer");
    QTest::newRow("integerWholeFloat") << "PRESENT"
                                       << R"({"Count": 2.0})"
                                       << "";
    QTest::newRow("integerBelowMin")
        << "PRESENT"
        << R"({"Memory": 127})" << field("Memory", "is less than the minimum value");
    QTest::newRow("integerAboveMax")
        << "PRESENT"
        << R"({"Memory": 10241})" << field("Memory", "exceeds the maximum value");
    QTest::newRow("integerAtBounds") << "PRESENT"
                                     << R"({"Memory": 10240})"
                                     << "";
    QTest::newRow("longAsString") << "PRESENT"
                                  << R"({"Size": "9000"})" << field("Size", "must be a number");
    QTest::newRow("floatAsString") << "PRESENT"
                                   << R"({"Ratio": "1.5"})" << field("Ratio", "must be a number");
    QTest::newRow("floatBelowMin")
        << "PRESENT"
        << R"({"Ratio": 0.25})" << field("Ratio", "is less than the minimum value");
    QTest::newRow("floatAboveMax")
        << "PRESENT"
        << R"({"Ratio": 2.5})" << field("Ratio", "exceeds the maximum value");
    QTest::newRow("doubleAsBool") << "PRESENT"
                                  << R"({"Share": false})" << field("Share", "must be a number");
    QTest::newRow("booleanAsString")
        << "PRESENT"
        << R"({"Enabled": "true"})" << field("Enabled", "must be a boolean");
    QTest::newRow("timestampAsNumber")
        << "PRESENT"
        << R"({"Created": 1764103483})" << field("Created", "must be a string");
    QTest::newRow("timestampAsBool")
        << "PRESENT"
        << R"({"Created": true})" << field("Created", "must be a string");
    QTest::newRow("blobAsNumber") << "PRESENT"
                                  << R"({"Data": 123})" << field("Data", "must be a string");
    QTest::newRow("blobEmpty") << "PRESENT"
                               << R"({"Data": ""})"
                               << field("Data", "is smaller than the minimum length");
    QTest::newRow("blobTooLong") << "PRESENT"
                                 << R"({"Data": "AAAAA"})"
                                 << field("Data", "exceeds the maximum length");
    QTest::newRow("listAsString") << "PRESENT"
                                  << R"({"Tags": "k=v"})" << field("Tags", "must be an array");
    QTest::newRow("listSecondItemWrong")
        << "PRESENT"
        << R"({"Tags": [{"Key": "a"}, {"Key": ["b"]}]})" << field("Key", "must be a string");
    QTest::newRow("listItemNotObject")
        << "PRESENT"
        << R"({"Tags": ["k"]})" << field("Tags", "must be an object");
    QTest::newRow("listItemRequiredStrict")
        << "STRICT" << with(R"("Tags": [{"Value": "v"}])")
        << "Mock result schema validation error: Required field 'Key' is missing";
    QTest::newRow("listItemRequiredPresent") << "PRESENT"
                                             << R"({"Tags": [{"Value": "v"}]})"
                                             << "";
    QTest::newRow("mapAsArray") << "PRESENT"
                                << R"({"Labels": [1]})" << field("Labels", "must be an object");
    QTest::newRow("mapValueWrong")
        << "PRESENT"
        << R"({"Labels": {"a": 1, "b": "2"}})" << field("Labels", "must be a number");
    QTest::newRow("structureAsString")
        << "PRESENT"
        << R"({"Owner": "me"})" << field("Owner", "must be an object");
    QTest::newRow("structureNestedWrong")
        << "PRESENT"
        << R"({"Owner": {"Parent": {"Name": false}}})" << field("Name", "must be a string");
    QTest::newRow("documentAnything") << "PRESENT"
                                      << R"({"Extra": [1, "two"]})"
                                      << "";
    QTest::newRow("jsonMemberAnything") << "PRESENT"
                                        << R"({"Body": {"json": true}})"
                                        << "";
    QTest::newRow("resultNotObject")
        << "PRESENT"
        << "[1]"
        << "Mock result schema validation error: The mocked result must be a JSON object";
}

void tst_MockShapeValidator::typeRules()
{
    QFETCH(QString, mode);
    QFETCH(QString, result);
    QFETCH(QString, error);
    const Json value = parse(result);
    QVERIFY2(!value.is_null(), "the row's result is not JSON");
    const auto parsedMode = Api::fieldValidationMode(mode.toStdString());
    QVERIFY(parsedMode);
    const Api::MockShapeValidator validator(typeModel(), *parsedMode);
    QVERIFY(validator.knows("GetThing"));
    QVERIFY(!validator.knows("NoOutput"));
    QVERIFY(!validator.knows("Missing"));
    const auto problem = validator.validate("GetThing", value, {"Body"});
    QCOMPARE(QString::fromStdString(problem.value_or("")), error);
}

void tst_MockShapeValidator::resources_data()
{
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("service"); // empty: not validated
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("jsonMembers");

    QTest::newRow("lambdaInvoke") << "arn:aws:states:::lambda:invoke"
                                  << "lambda"
                                  << "Invoke"
                                  << "Payload";
    QTest::newRow("eventsPutEvents") << "arn:aws:states:::events:putEvents"
                                     << "events"
                                     << "PutEvents"
                                     << "";
    QTest::newRow("dynamodbGetItem") << "arn:aws:states:::dynamodb:getItem"
                                     << "dynamodb"
                                     << "GetItem"
                                     << "";
    QTest::newRow("sfnStartExecution") << "arn:aws:states:::states:startExecution"
                                       << "stepfunctions"
                                       << "StartExecution"
                                       << "";
    QTest::newRow("sfnStartExecutionSync") << "arn:aws:states:::states:startExecution.sync"
                                           << "stepfunctions"
                                           << "DescribeExecution"
                                           << "";
    QTest::newRow("sfnStartExecutionSync2") << "arn:aws:states:::states:startExecution.sync:2"
                                            << "stepfunctions"
                                            << "DescribeExecution"
                                            << "Output";
    QTest::newRow("awsSdk") << "arn:aws:states:::aws-sdk:s3:getObject"
                            << "s3"
                            << "GetObject"
                            << "";
    QTest::newRow("awsSdkSfn") << "arn:aws:states:::aws-sdk:sfn:describeExecution"
                               << "sfn"
                               << "DescribeExecution"
                               << "";
    QTest::newRow("otherPartition") << "arn:aws-cn:states:::sqs:sendMessage"
                                    << "sqs"
                                    << "SendMessage"
                                    << "";
    QTest::newRow("waitForTaskToken") << "arn:aws:states:::sqs:sendMessage.waitForTaskToken"
                                      << ""
                                      << ""
                                      << "";
    QTest::newRow("awsSdkWaitForTaskToken")
        << "arn:aws:states:::aws-sdk:sqs:sendMessage.waitForTaskToken"
        << ""
        << ""
        << "";
    QTest::newRow("otherSync") << "arn:aws:states:::ecs:runTask.sync"
                               << ""
                               << ""
                               << "";
    QTest::newRow("lambdaFunction") << "arn:aws:lambda:us-east-1:111111111111:function:f"
                                    << ""
                                    << ""
                                    << "";
    QTest::newRow("activity") << "arn:aws:states:us-east-1:111111111111:activity:a"
                              << ""
                              << ""
                              << "";
    QTest::newRow("http") << "arn:aws:states:::http:invoke"
                          << ""
                          << ""
                          << "";
    QTest::newRow("apiGateway") << "arn:aws:states:::apigateway:invoke"
                                << ""
                                << ""
                                << "";
    QTest::newRow("notAnArn") << "lambda:invoke"
                              << ""
                              << ""
                              << "";
}

void tst_MockShapeValidator::resources()
{
    QFETCH(QString, resource);
    QFETCH(QString, service);
    QFETCH(QString, operation);
    QFETCH(QString, jsonMembers);
    const auto found = Api::mockedOperation(resource.toStdString());
    if (service.isEmpty()) {
        QVERIFY(!found);
        return;
    }
    QVERIFY(found);
    QCOMPARE(QString::fromStdString(found->service), service);
    QCOMPARE(QString::fromStdString(found->operation), operation);
    QStringList members;
    for (const std::string &member : found->jsonMembers)
        members << QString::fromStdString(member);
    QCOMPARE(members.join(','), jsonMembers);
}

void tst_MockShapeValidator::serviceNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("operation"); // one the model must have

    QTest::newRow("folderName") << "stepfunctions"
                                << "StartExecution";
    QTest::newRow("sdkName") << "sfn"
                             << "StartExecution";
    QTest::newRow("optimizedName") << "states"
                                   << "StartExecution";
    QTest::newRow("eventbridge") << "eventbridge"
                                 << "PutEvents";
    QTest::newRow("events") << "events"
                            << "PutEvents";
    QTest::newRow("cloudwatchlogs") << "cloudwatchlogs"
                                    << "PutLogEvents";
    QTest::newRow("cognitoidentityprovider") << "cognitoidentityprovider"
                                             << "AdminGetUser";
    QTest::newRow("configService") << "config"
                                   << "PutConfigRule";
    QTest::newRow("upperCase") << "DynamoDB"
                               << "GetItem";
}

void tst_MockShapeValidator::serviceNames()
{
    QFETCH(QString, name);
    QFETCH(QString, operation);
    Api::ServiceModels &models = m_models;
    if (models.serviceCount() == 0)
        QSKIP("python3-botocore's service models are not installed");
    const auto model = models.model(name.toStdString());
    QVERIFY(model);
    QVERIFY((*model)["operations"].contains(operation.toStdString()));
    QCOMPARE(models.model(name.toStdString()).get(), model.get()); // cached
}

void tst_MockShapeValidator::missingModelsSkipValidation()
{
    Api::ServiceModels models(
        QDir::temp().filePath(QStringLiteral("no-such-models")).toStdString());
    QCOMPARE(models.serviceCount(), std::size_t(0));
    QVERIFY(!models.model("lambda"));
    const Json state = parse(R"({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                                "End": true})");
    const Json mock = parse(R"({"result": "{\"StatusCode\": \"200\"}"})");
    const Json result = parse(R"({"StatusCode": "200"})");
    QVERIFY(!Api::checkMockResult(models, state, mock, &result));
    const Json badMode = parse(R"({"result": "{}", "fieldValidationMode": "LOOSE"})");
    const auto error = Api::checkMockResult(models, state, badMode, &result);
    QVERIFY(error);
    QCOMPARE(QString::fromStdString(error->message),
             QStringLiteral("1 validation error detected: Value 'LOOSE' at "
                            "'mock.fieldValidationMode' failed to satisfy constraint: Member must "
                            "satisfy enum value set: [STRICT, PRESENT, NONE]"));
}

QTEST_GUILESS_MAIN(tst_MockShapeValidator)
#include "tst_mockshapevalidator.moc"

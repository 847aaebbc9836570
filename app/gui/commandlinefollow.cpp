#include "app/gui/commandlinefollow.h"

#include "app/gui/endpointdialog.h"
#include "app/gui/endpointfollower.h"
#include "app/gui/mainwindow.h"

#include <QComboBox>
#include <QLineEdit>
#include <QTimer>

#include <memory>
#include <utility>

namespace Stepwise::App {

void followFromCommandLine(MainWindow *window, const QString &url, const QString &executionArn,
                           bool showDialog, std::function<void(const QString &error)> done)
{
    EndpointDialog *dialog = window->endpointDialog();
    if (!url.isEmpty())
        dialog->urlBox()->setCurrentText(url);
    dialog->followArnField()->setText(executionArn);
    if (showDialog)
        dialog->show();
    if (done) {
        // Called once, whichever comes first.
        auto finish = std::make_shared<std::function<void(const QString &)>>(std::move(done));
        auto once = [finish](const QString &error) {
            if (auto call = std::exchange(*finish, {}))
                call(error);
        };
        EndpointFollower *follower = dialog->follower();
        QObject::connect(follower, &EndpointFollower::historyChanged, window, [window, once] {
            QTimer::singleShot(1000, window, [once] { once({}); });
        });
        QObject::connect(follower, &EndpointFollower::statusChanged, window, [once] { once({}); });
        QObject::connect(follower, &EndpointFollower::failed, window,
                         [once](const QString &message) { once(message); });
        QTimer::singleShot(20000, window, [once, dialog] {
            once(QObject::tr("nothing followed after 20 s: %1").arg(dialog->statusText()));
        });
    }
    dialog->followExecutionArn();
}

} // namespace Stepwise::App

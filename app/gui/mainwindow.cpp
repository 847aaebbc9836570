#include "app/gui/mainwindow.h"

#include "app/gui/diagramexport.h"
#include "app/gui/endpointdialog.h"
#include "app/gui/endpointfollower.h"
#include "app/gui/recentfiles.h"
#include "app/gui/rundebugger.h"
#include "app/gui/toolbaricons.h"
#include "app/gui/validationrunner.h"
#include "model/io/autosave.h"
#include "model/io/documentio.h"
#include "model/json/json.h"
#include "model/modeling/modeling.h"
#include "views/canvas/canvasfollower.h"
#include "views/canvas/canvasscene.h"
#include "views/canvas/canvasview.h"
#include "views/canvas/diagnosticoverlay.h"
#include "views/canvas/minimapview.h"
#include "views/editor/asleditor.h"
#include "views/editor/diagnosticsview.h"
#include "views/inspector/inspectorview.h"
#include "views/palette/paletteview.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QTextBlock>
#include <QToolBar>
#include <QUrl>
#include <QVBoxLayout>

namespace Stepwise::App {

using Model::StateId;
using Views::AslEditor;
using Views::CanvasView;
using Views::DiagnosticOverlay;
using Views::DiagnosticsView;
using Views::InspectorView;
using Views::PaletteView;

namespace {

const char *const kFileFilter
    = "ASL definitions (*.asl.json *.json *.asl.yaml *.yaml *.yml);;JSON (*.json);;YAML (*.yaml "
      "*.yml);;All files (*)";

QString fromError(const Model::Error &error)
{
    return QString::fromStdString(error.toString());
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);
    setDockNestingEnabled(true);
    createViews();
    createActions();
    createMenus();
    createToolBar();
    createStatusBar();
    connectViews();

    m_validation.setSingleShot(true);
    m_validation.setInterval(400);
    connect(&m_validation, &QTimer::timeout, this, &MainWindow::validateNow);

    m_autosave = std::make_unique<Model::Autosave>(&m_document, autosaveDirectory());
    connect(&m_document, &Model::Document::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_document.undoStack(), &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
    readSettings();
    updateTitle();
    validateNow();
}

MainWindow::~MainWindow()
{
    // The views use the document, a member that dies before QWidget deletes its children:
    // let them go first.
    m_autosave.reset();
    delete m_badges;
    // A selection dropped while the canvas is being destroyed would signal a half-destroyed
    // view (UBSan reports it): drop it while everything is alive.
    m_canvas->scene()->clearSelection();
    m_document.undoStack()->disconnect(this);
    m_document.disconnect(this);
    m_document.workflow()->disconnect(this);
    const QList<QWidget *> children = findChildren<QWidget *>(Qt::FindDirectChildrenOnly);
    qDeleteAll(children);
}

QString MainWindow::autosaveDirectory()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("autosave"));
}

void MainWindow::createViews()
{
    createCanvas();
    m_paletteDock = createPaletteDock();
    m_inspectorDock = createInspectorDock();
    m_editorDock = createEditorDock();
    m_problemsDock = createProblemsDock();
    splitDockWidget(m_editorDock, m_problemsDock, Qt::Horizontal);

    resizeDocks({m_paletteDock, m_inspectorDock}, {190, 340}, Qt::Horizontal);
    resizeDocks({m_editorDock, m_problemsDock}, {640, 420}, Qt::Horizontal);
    resizeDocks({m_editorDock}, {260}, Qt::Vertical);
    m_debugger = new RunDebugger(this, &m_document, m_canvas, m_editor);
    // The Inspector keeps room for its form above the run docks.
    resizeDocks({m_inspectorDock, m_debugger->runDock()}, {430, 330}, Qt::Vertical);
}

QDockWidget *MainWindow::addDock(const QString &title, const QString &objectName, QWidget *content,
                                 Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName); // saveState/restoreState find docks by name
    dock->setWidget(content);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::createCanvas()
{
    m_canvas = new CanvasView(&m_document, this);
    m_canvas->setObjectName(QStringLiteral("canvas"));
    setCentralWidget(m_canvas);
    m_badges = new DiagnosticOverlay(m_canvas->scene(), m_document.workflow(), this);
}

QDockWidget *MainWindow::createPaletteDock()
{
    m_palette = new PaletteView(this);
    return addDock(tr("States"), QStringLiteral("paletteDock"), m_palette, Qt::LeftDockWidgetArea);
}

QDockWidget *MainWindow::createInspectorDock()
{
    m_inspector = new InspectorView(&m_document, this);
    return addDock(tr("Inspector"), QStringLiteral("inspectorDock"), m_inspector,
                   Qt::RightDockWidgetArea);
}

QDockWidget *MainWindow::createEditorDock()
{
    // The ASL text with its JSON/YAML switch above it.
    auto *editorPane = new QWidget(this);
    auto *editorLayout = new QVBoxLayout(editorPane);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->setSpacing(2);
    auto *editorHeader = new QHBoxLayout;
    editorHeader->setContentsMargins(4, 0, 4, 0);
    editorHeader->addWidget(new QLabel(tr("Show as"), editorPane));
    m_textFormat = new QComboBox(editorPane);
    m_textFormat->setObjectName(QStringLiteral("textFormat"));
    m_textFormat->addItem(QStringLiteral("JSON"));
    m_textFormat->addItem(QStringLiteral("YAML"));
    m_textFormat->setToolTip(tr("The language of the definition text (Save keeps the file's)"));
    editorHeader->addWidget(m_textFormat);
    editorHeader->addStretch();
    editorLayout->addLayout(editorHeader);
    m_editor = new AslEditor(&m_document, editorPane);
    editorLayout->addWidget(m_editor);
    connect(m_textFormat, &QComboBox::activated, this, [this](int index) {
        m_editor->setTextFormat(index == 1 ? Model::FileFormat::Yaml : Model::FileFormat::Json);
    });
    connect(m_editor, &AslEditor::textFormatChanged, this, [this] {
        m_textFormat->setCurrentIndex(m_editor->textFormat() == Model::FileFormat::Yaml ? 1 : 0);
        validateNow(); // diagnostics point into the new text
    });
    return addDock(tr("ASL"), QStringLiteral("editorDock"), editorPane, Qt::BottomDockWidgetArea);
}

QDockWidget *MainWindow::createProblemsDock()
{
    m_diagnostics = new DiagnosticsView(m_document.workflow(), this);
    return addDock(tr("Problems"), QStringLiteral("problemsDock"), m_diagnostics,
                   Qt::BottomDockWidgetArea);
}

void MainWindow::createActions()
{
    QStyle *s = style();
    m_newAction = new QAction(s->standardIcon(QStyle::SP_FileIcon), tr("&New"), this);
    m_newAction->setShortcut(QKeySequence::New);
    m_newAction->setStatusTip(tr("Start a new workflow"));
    connect(m_newAction, &QAction::triggered, this, &MainWindow::newDocument);

    m_openAction = new QAction(s->standardIcon(QStyle::SP_DialogOpenButton), tr("&Open..."), this);
    m_openAction->setShortcut(QKeySequence::Open);
    m_openAction->setStatusTip(tr("Open an ASL definition (JSON or YAML)"));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::open);

    m_saveAction = new QAction(s->standardIcon(QStyle::SP_DialogSaveButton), tr("&Save"), this);
    m_saveAction->setShortcut(QKeySequence::Save);
    connect(m_saveAction, &QAction::triggered, this, &MainWindow::save);

    m_saveAsAction = new QAction(tr("Save &As..."), this);
    m_saveAsAction->setShortcut(QKeySequence::SaveAs);
    connect(m_saveAsAction, &QAction::triggered, this, &MainWindow::saveAs);

    m_undoAction = m_document.undoStack()->createUndoAction(this, tr("&Undo"));
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_undoAction->setIcon(s->standardIcon(QStyle::SP_ArrowBack));
    m_redoAction = m_document.undoStack()->createRedoAction(this, tr("&Redo"));
    m_redoAction->setShortcut(QKeySequence::Redo);
    m_redoAction->setIcon(s->standardIcon(QStyle::SP_ArrowForward));

    m_zoomInAction = new QAction(tr("Zoom &In"), this);
    m_zoomInAction->setShortcut(QKeySequence::ZoomIn);
    connect(m_zoomInAction, &QAction::triggered, m_canvas, &CanvasView::zoomIn);
    m_zoomOutAction = new QAction(tr("Zoom &Out"), this);
    m_zoomOutAction->setShortcut(QKeySequence::ZoomOut);
    connect(m_zoomOutAction, &QAction::triggered, m_canvas, &CanvasView::zoomOut);
    m_fitAction = new QAction(tr("&Fit to Window"), this);
    m_fitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    connect(m_fitAction, &QAction::triggered, m_canvas, &CanvasView::fitToView);
    m_resetZoomAction = new QAction(tr("&Actual Size"), this);
    m_resetZoomAction->setIconText(tr("100%"));
    m_resetZoomAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    connect(m_resetZoomAction, &QAction::triggered, m_canvas, &CanvasView::resetZoom);
    m_layoutAction = new QAction(tr("Auto &Layout"), this);
    m_layoutAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    m_layoutAction->setStatusTip(tr("Arrange the states top-down"));
    connect(m_layoutAction, &QAction::triggered, m_canvas, &CanvasView::autoLayout);
    updateIcons();
    m_minimapAction = new QAction(tr("Show &Minimap"), this);
    m_minimapAction->setCheckable(true);
    m_minimapAction->setChecked(QSettings().value(QStringLiteral("canvas/minimap"), true).toBool());
    m_canvas->minimap()->setWanted(m_minimapAction->isChecked());
    connect(m_minimapAction, &QAction::toggled, this, [this](bool on) {
        m_canvas->minimap()->setWanted(on);
        QSettings().setValue(QStringLiteral("canvas/minimap"), on);
    });
}

namespace {

// A template's menu title: its Comment up to the colon ("Approval with a deadline: ..."),
// or its file name.
QString templateTitle(const QString &path)
{
    QFile file(path);
    if (file.open(QIODevice::ReadOnly)) {
        const Model::Json json = Model::Json::parse(file.readAll().toStdString(), nullptr, false);
        if (json.is_object() && json.contains("Comment") && json["Comment"].is_string()) {
            const QString comment = QString::fromStdString(json["Comment"].get<std::string>());
            if (comment.contains(QLatin1Char(':')))
                return comment.section(QLatin1Char(':'), 0, 0).trimmed();
        }
    }
    QString title = QFileInfo(path).fileName().section(QLatin1Char('.'), 0, 0);
    title[0] = title[0].toUpper();
    title.replace(QLatin1Char('-'), QLatin1Char(' '));
    return title;
}

} // namespace

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newAction);
    QMenu *templates = file->addMenu(tr("New from &Template"));
    const QFileInfoList entries = QDir(QStringLiteral(":/templates")).entryInfoList(QDir::Files);
    for (const QFileInfo &entry : entries) {
        QString title = templateTitle(entry.filePath());
        const QString path = entry.filePath();
        templates->addAction(title, this, [this, path] {
            if (maybeSave())
                openTemplate(path);
        });
    }
    file->addAction(m_openAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    updateRecentMenu();
    file->addSeparator();
    file->addAction(m_saveAction);
    file->addAction(m_saveAsAction);
    QMenu *exportMenu = file->addMenu(tr("&Export"));
    exportMenu->addAction(tr("ASL as JSON or YAML..."), this, &MainWindow::exportAslDialog);
    exportMenu->addAction(tr("Diagram as SVG or PNG..."), this, &MainWindow::exportDiagramDialog);
    file->addSeparator();
    file->addAction(m_debugger->saveHistoryAction());
    file->addAction(m_debugger->openHistoryAction());
    file->addAction(tr("Connect to &Endpoint..."), this, [this] {
        EndpointDialog *dialog = endpointDialog();
        dialog->show();
        dialog->raise();
        dialog->activateWindow();
    });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_undoAction);
    edit->addAction(m_redoAction);
    edit->addSeparator();
    // Diagram edits: their keys act while the canvas has focus (text fields keep theirs).
    auto canvasAction
        = [this, edit](const QString &text, const QKeySequence &keys, void (CanvasView::*slot)()) {
              QAction *action = edit->addAction(text, m_canvas, slot);
              action->setShortcut(keys);
              action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
              m_canvas->addAction(action);
              return action;
          };
    canvasAction(tr("Cu&t"), QKeySequence::Cut, &CanvasView::cut);
    canvasAction(tr("&Copy"), QKeySequence::Copy, &CanvasView::copy);
    canvasAction(tr("&Paste"), QKeySequence::Paste, &CanvasView::paste);
    canvasAction(tr("&Delete"), QKeySequence::Delete, &CanvasView::deleteSelection);
    canvasAction(tr("Re&name State"), QKeySequence(Qt::Key_F2), &CanvasView::renameSelected);
    canvasAction(tr("Select &All"), QKeySequence::SelectAll, &CanvasView::selectAll);
    edit->addSeparator();
    QAction *groupParallel
        = edit->addAction(tr("Group into Para&llel"), this, [this] { groupSelection(false); });
    groupParallel->setObjectName(QStringLiteral("groupIntoParallel"));
    groupParallel->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    groupParallel->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    groupParallel->setProperty("stateMenu", true); // offered in the canvas's state menu
    m_canvas->addAction(groupParallel);
    QAction *groupMap
        = edit->addAction(tr("Group into &Map"), this, [this] { groupSelection(true); });
    groupMap->setObjectName(QStringLiteral("groupIntoMap"));
    groupMap->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));
    groupMap->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    groupMap->setProperty("stateMenu", true);
    m_canvas->addAction(groupMap);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_zoomInAction);
    view->addAction(m_zoomOutAction);
    view->addAction(m_fitAction);
    view->addAction(m_resetZoomAction);
    view->addAction(m_layoutAction);
    view->addAction(m_minimapAction);
    view->addSeparator();
    for (QDockWidget *dock : {m_paletteDock, m_inspectorDock, m_editorDock, m_problemsDock})
        view->addAction(dock->toggleViewAction());
    view->addSeparator();
    QMenu *theme = view->addMenu(tr("&Theme"));
    auto *themeGroup = new QActionGroup(this);
    const ThemeChoice current
        = themeChoiceFromString(QSettings().value(QStringLiteral("theme")).toString());
    for (const auto &entry :
         {std::pair{ThemeChoice::System, tr("Follow the &Desktop")},
          std::pair{ThemeChoice::Light, tr("&Light")}, std::pair{ThemeChoice::Dark, tr("&Dark")}}) {
        // A plain variable: clang 14 cannot capture structured bindings.
        const ThemeChoice choice = entry.first;
        QAction *action
            = theme->addAction(entry.second, this, [this, choice] { setTheme(choice); });
        action->setCheckable(true);
        action->setChecked(choice == current);
        themeGroup->addAction(action);
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    m_debugger->install(help);
    help->addAction(tr("Amazon States Language &Reference"), this, [] {
        QDesktopServices::openUrl(QUrl(QStringLiteral("https://states-language.net/spec.html")));
    });
    help->addAction(tr("&Keyboard Shortcuts"), this, [this] {
        QMessageBox::information(
            this, tr("Keyboard shortcuts"),
            tr("<table>"
               "<tr><td>%1</td><td>New</td></tr><tr><td>%2</td><td>Open</td></tr>"
               "<tr><td>%3</td><td>Save</td></tr><tr><td>%4</td><td>Undo</td></tr>"
               "<tr><td>%5</td><td>Redo</td></tr><tr><td>%6 / %7</td><td>Zoom</td></tr>"
               "<tr><td>Ctrl+0</td><td>Fit</td></tr><tr><td>Ctrl+Shift+L</td>"
               "<td>Auto layout</td></tr><tr><td>F2</td><td>Rename state</td></tr>"
               "<tr><td>Del</td><td>Delete</td></tr><tr><td>F5</td><td>Run / continue</td></tr>"
               "<tr><td>F10</td><td>Step</td></tr><tr><td>F11</td><td>Step one event</td></tr>"
               "<tr><td>Shift+F11</td><td>Step back</td></tr><tr><td>Shift+F5</td>"
               "<td>Stop</td></tr><tr><td>F9</td><td>Toggle breakpoint</td></tr>"
               "<tr><td>Ctrl+F10</td><td>Run to here</td></tr></table>")
                .arg(QKeySequence(QKeySequence::New).toString(QKeySequence::NativeText),
                     QKeySequence(QKeySequence::Open).toString(QKeySequence::NativeText),
                     QKeySequence(QKeySequence::Save).toString(QKeySequence::NativeText),
                     QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText),
                     QKeySequence(QKeySequence::Redo).toString(QKeySequence::NativeText),
                     QKeySequence(QKeySequence::ZoomIn).toString(QKeySequence::NativeText),
                     QKeySequence(QKeySequence::ZoomOut).toString(QKeySequence::NativeText)));
    });
    help->addAction(tr("&About Stepwise"), this, [this] {
        QMessageBox::about(this, tr("About Stepwise"),
                           tr("<b>Stepwise %1</b><p>Design and simulate AWS Step Functions "
                              "workflows offline.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_newAction);
    bar->addAction(m_openAction);
    bar->addAction(m_saveAction);
    bar->addSeparator();
    bar->addAction(m_undoAction);
    bar->addAction(m_redoAction);
    bar->addSeparator();
    bar->addAction(m_zoomInAction);
    bar->addAction(m_zoomOutAction);
    bar->addAction(m_fitAction);
    bar->addAction(m_resetZoomAction);
    bar->addAction(m_layoutAction);
}

void MainWindow::createStatusBar()
{
    m_problemsLabel = new QLabel(this);
    m_problemsLabel->setObjectName(QStringLiteral("problemsLabel"));
    m_fileLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_fileLabel);
    statusBar()->addPermanentWidget(m_problemsLabel);
}

void MainWindow::connectViews()
{
    connect(m_canvas, &CanvasView::selectionChanged, this, &MainWindow::onCanvasSelection);
    connect(m_palette, &PaletteView::stateTypeActivated, m_canvas, &CanvasView::addState);
    connect(m_editor, &AslEditor::stateAtCursorChanged, this, &MainWindow::onTextCursorState);
    connect(m_editor, &AslEditor::parseStatusChanged, this, [this] {
        m_diagnostics->setParseError(m_editor->parseError());
        updateStatus();
    });
    connect(m_diagnostics, &DiagnosticsView::diagnosticActivated, this,
            &MainWindow::onDiagnosticActivated);
    connect(m_diagnostics, &DiagnosticsView::countsChanged, this, &MainWindow::updateStatus);

    Model::Workflow *workflow = m_document.workflow();
    connect(workflow, &Model::Workflow::modelReset, this, &MainWindow::scheduleValidation);
    connect(workflow, &Model::Workflow::scopeChanged, this, &MainWindow::scheduleValidation);
    connect(workflow, &Model::Workflow::stateAdded, this, &MainWindow::scheduleValidation);
    connect(workflow, &Model::Workflow::stateRemoved, this, &MainWindow::scheduleValidation);
    connect(workflow, &Model::Workflow::stateRenamed, this, &MainWindow::scheduleValidation);
    connect(workflow, &Model::Workflow::stateChanged, this, &MainWindow::scheduleValidation);
    connect(workflow, &Model::Workflow::stateMoved, this, &MainWindow::scheduleValidation);
}

void MainWindow::onCanvasSelection(const std::vector<StateId> &ids)
{
    if (m_syncingSelection)
        return;
    m_syncingSelection = true;
    const StateId id = ids.size() == 1 ? ids.front() : 0;
    m_inspector->setState(id);
    if (id != 0)
        m_editor->selectState(id);
    m_syncingSelection = false;
}

void MainWindow::onTextCursorState(StateId id)
{
    if (m_syncingSelection || id == 0)
        return;
    m_syncingSelection = true;
    m_canvas->selectState(id);
    m_inspector->setState(id);
    m_syncingSelection = false;
}

void MainWindow::onDiagnosticActivated(StateId id, int line, int column)
{
    if (id != 0) {
        m_syncingSelection = true;
        m_canvas->selectState(id);
        m_inspector->setState(id);
        m_syncingSelection = false;
    }
    if (line > 0) {
        QTextBlock block = m_editor->document()->findBlockByNumber(line - 1);
        if (block.isValid()) {
            QTextCursor cursor(block);
            cursor.setPosition(block.position() + std::clamp(column - 1, 0, block.length() - 1));
            m_editor->setTextCursor(cursor);
            m_editor->centerCursor();
        }
    } else if (id != 0) {
        m_editor->selectState(id);
    }
    m_editorDock->raise();
}

void MainWindow::scheduleValidation()
{
    m_validation.start();
}

void MainWindow::validateNow()
{
    m_editor->syncWithModel(); // line numbers come from the text of this very definition
    m_currentDiagnostics = validateWorkflow(*m_document.workflow(), m_editor->sourceMap());
    m_diagnostics->setDiagnostics(m_currentDiagnostics);
    m_diagnostics->setParseError(m_editor->parseError());
    m_editor->setDiagnostics(m_currentDiagnostics);
    m_inspector->setDiagnostics(m_currentDiagnostics);
    m_badges->setDiagnostics(m_currentDiagnostics);
    updateStatus();
}

void MainWindow::updateStatus()
{
    const int errors = m_diagnostics->errorCount();
    const int warnings = m_diagnostics->warningCount();
    if (m_editor->parseError()) {
        const Model::Location &at = m_editor->parseError()->location;
        m_problemsLabel->setText(
            tr("Text error at line %1, column %2").arg(at.line).arg(at.column));
    } else if (errors == 0 && warnings == 0) {
        m_problemsLabel->setText(tr("No problems"));
    } else {
        m_problemsLabel->setText(tr("%n error(s)", "", errors) + QStringLiteral(", ")
                                 + tr("%n warning(s)", "", warnings));
    }
    m_problemsDock->setWindowTitle(
        errors + warnings > 0 ? tr("Problems (%1)").arg(errors + warnings) : tr("Problems"));
}

QString MainWindow::displayName() const
{
    if (!m_document.filePath().isEmpty())
        return QFileInfo(m_document.filePath()).fileName();
    return m_untitledName.isEmpty() ? tr("Untitled") : m_untitledName;
}

void MainWindow::updateTitle()
{
    setWindowTitle(QStringLiteral("%1[*] - Stepwise").arg(displayName()));
    setWindowModified(m_document.isModified());
    const QString path = QDir::toNativeSeparators(m_document.filePath());
    m_fileLabel->setText(path.isEmpty()
                             ? tr("Not saved yet")
                             : m_fileLabel->fontMetrics().elidedText(path, Qt::ElideMiddle, 360));
    m_fileLabel->setToolTip(path);
}

void MainWindow::showError(const QString &title, const QString &message, bool interactive)
{
    statusBar()->showMessage(message, 10000);
    if (interactive)
        QMessageBox::warning(this, title, message);
}

bool MainWindow::openFile(const QString &givenPath, bool interactive)
{
    // Bundled files (":/...") stay as they are; files on disk are remembered absolutely.
    const QString path = givenPath.startsWith(QLatin1Char(':'))
                             ? givenPath
                             : QFileInfo(givenPath).absoluteFilePath();
    Model::Result<bool> loaded = Model::loadDocument(m_document, path);
    if (!loaded) {
        showError(tr("Cannot open"), fromError(loaded.error()), interactive);
        return false;
    }
    if (path.startsWith(QLatin1Char(':'))) {
        // A bundled example: never saved over, Save asks where.
        m_untitledName = QFileInfo(path).fileName();
        m_document.setFilePath(QString());
    } else {
        m_untitledName.clear();
        RecentFiles::add(path);
        updateRecentMenu();
    }
    // The views reset themselves on Document::loaded; the window keeps its own bookkeeping.
    m_autosave->discard();
    updateTitle();
    validateNow();
    statusBar()->showMessage(tr("Opened %1").arg(displayName()), 4000);
    return true;
}

bool MainWindow::openDefinitionText(const QByteArray &definition, const QString &name,
                                    bool interactive)
{
    Model::Result<bool> loaded
        = Model::loadDocumentText(m_document, definition, Model::FileFormat::Json);
    if (!loaded) {
        showError(tr("Cannot open"), fromError(loaded.error()), interactive);
        return false;
    }
    m_untitledName = name.isEmpty() ? tr("Untitled") : name;
    m_autosave->discard();
    updateTitle();
    validateNow();
    statusBar()->showMessage(tr("Opened %1 from the endpoint").arg(m_untitledName), 4000);
    return true;
}

EndpointDialog *MainWindow::endpointDialog()
{
    if (m_endpointDialog)
        return m_endpointDialog;
    m_endpointDialog = new EndpointDialog(this);
    connect(m_endpointDialog, &EndpointDialog::definitionFetched, this,
            [this](const QByteArray &definition, const QString &name, const QString &followArn) {
                // Keeping the unsaved document (Cancel) opens nothing and follows nothing.
                if (!maybeSave() || !openDefinitionText(definition, name))
                    return;
                if (!followArn.isEmpty())
                    m_endpointDialog->startFollowing(followArn);
            });
    EndpointFollower *follower = m_endpointDialog->follower();
    connect(follower, &EndpointFollower::historyChanged, this,
            [this, follower](const std::vector<Sim::HistoryEvent> &events) {
                m_debugger->followHistory(follower->executionArn().section(QLatin1Char(':'), -1),
                                          events);
            });
    connect(follower, &EndpointFollower::statusChanged, this, [this](const QString &status) {
        statusBar()->showMessage(tr("The followed execution ended: %1").arg(status), 10000);
    });
    connect(follower, &EndpointFollower::failed, this,
            [this](const QString &message) { statusBar()->showMessage(message, 10000); });
    return m_endpointDialog;
}

void MainWindow::groupSelection(bool intoMap)
{
    using Container = Model::Modeling::Container;
    Model::Result<StateId> container = m_canvas->scene()->modeling()->group(
        m_canvas->selectedStates(), intoMap ? Container::Map : Container::Parallel);
    if (!container) {
        statusBar()->showMessage(QString::fromStdString(container.error().message), 6000);
        return;
    }
    // Select the new container, as after adding a state.
    m_canvas->selectState(*container);
}

bool MainWindow::openTemplate(const QString &resourcePath)
{
    if (!openFile(resourcePath, true))
        return false;
    m_untitledName = tr("Untitled");
    updateTitle();
    return true;
}

void MainWindow::newDocument()
{
    if (maybeSave())
        openTemplate(QStringLiteral(":/templates/blank.asl.json"));
}

void MainWindow::open()
{
    if (!maybeSave())
        return;
    const QString start = m_document.filePath().isEmpty()
                              ? QDir::homePath()
                              : QFileInfo(m_document.filePath()).absolutePath();
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Open workflow"), start, tr(kFileFilter));
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::saveToFile(const QString &path, bool interactive)
{
    m_editor->applyPendingText();
    Model::Result<bool> saved = Model::saveDocument(m_document, path);
    if (!saved) {
        showError(tr("Cannot save"), fromError(saved.error()), interactive);
        return false;
    }
    m_untitledName.clear();
    m_autosave->discard();
    RecentFiles::add(path);
    updateRecentMenu();
    updateTitle();
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 4000);
    return true;
}

QString MainWindow::untitledSavePath() const
{
    QString name = displayName();
    if (!name.contains(QLatin1Char('.')))
        name += QStringLiteral(".asl.json");
    return QDir(QDir::homePath()).filePath(name);
}

bool MainWindow::save()
{
    if (m_document.filePath().isEmpty())
        return saveAs();
    return saveToFile(m_document.filePath());
}

bool MainWindow::saveAs()
{
    const QString start
        = m_document.filePath().isEmpty() ? untitledSavePath() : m_document.filePath();
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Save workflow"), start, tr(kFileFilter));
    if (path.isEmpty())
        return false;
    return saveToFile(path);
}

bool MainWindow::exportAsl(const QString &path, bool interactive)
{
    m_editor->applyPendingText();
    Model::Result<bool> written = Model::exportDefinition(m_document, path);
    if (!written) {
        showError(tr("Cannot export"), fromError(written.error()), interactive);
        return false;
    }
    statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 4000);
    return true;
}

bool MainWindow::exportDiagram(const QString &path, bool interactive)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    Model::Result<bool> written = suffix == QLatin1String("svg")
                                      ? exportSvg(m_canvas->scene(), path, displayName())
                                      : exportPng(m_canvas->scene(), path, 2.0);
    if (!written) {
        showError(tr("Cannot export"), fromError(written.error()), interactive);
        return false;
    }
    statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 4000);
    return true;
}

void MainWindow::exportAslDialog()
{
    QString base = QFileInfo(displayName()).completeBaseName();
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export ASL"), QDir(QDir::homePath()).filePath(base + QStringLiteral(".yaml")),
        tr("YAML (*.yaml *.yml);;JSON (*.json)"));
    if (!path.isEmpty())
        exportAsl(path);
}

void MainWindow::exportDiagramDialog()
{
    QString base = displayName().section(QLatin1Char('.'), 0, 0);
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export diagram"), QDir(QDir::homePath()).filePath(base + QStringLiteral(".svg")),
        tr("SVG image (*.svg);;PNG image (*.png)"));
    if (!path.isEmpty())
        exportDiagram(path);
}

bool MainWindow::maybeSave()
{
    m_editor->applyPendingText();
    if (!m_document.isModified())
        return true;
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"),
        tr("%1 has changes that are not saved. Save them?").arg(displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::offerRecovery()
{
    const std::vector<Model::RecoveryEntry> entries
        = Model::Autosave::findRecoverable(autosaveDirectory());
    if (entries.empty())
        return;
    const Model::RecoveryEntry &latest = entries.front();
    const QString what = latest.originalPath.isEmpty()
                             ? tr("an untitled workflow")
                             : QDir::toNativeSeparators(latest.originalPath);
    const auto answer = QMessageBox::question(
        this, tr("Recover unsaved work"),
        tr("Stepwise did not close normally. Unsaved changes to %1 from %2 were kept.\n\n"
           "Recover them?")
            .arg(what, QLocale().toString(latest.savedAt.toLocalTime(), QLocale::ShortFormat)),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
    if (answer == QMessageBox::Yes) {
        Model::Result<bool> recovered = Model::Autosave::recover(latest, m_document);
        if (!recovered) {
            showError(tr("Cannot recover"), fromError(recovered.error()), true);
            return;
        }
        m_untitledName = latest.originalPath.isEmpty() ? tr("Recovered") : QString();
        updateTitle();
        validateNow();
    }
    for (const Model::RecoveryEntry &entry : entries)
        Model::Autosave::remove(entry);
}

void MainWindow::layoutAndFit()
{
    m_canvas->scene()->flush();
    // Fitted when that stays readable; a large diagram opens around its StartAt.
    Views::CanvasFollower::showReadable(m_canvas);
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = RecentFiles::list();
    for (const QString &path : files) {
        m_recentMenu->addAction(QDir::toNativeSeparators(path), this, [this, path] {
            if (!maybeSave())
                return;
            if (!QFileInfo::exists(path)) {
                RecentFiles::remove(path);
                updateRecentMenu();
            }
            openFile(path);
        });
    }
    if (!files.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear Menu"), this, [this] {
            RecentFiles::clear();
            updateRecentMenu();
        });
    }
    m_recentMenu->setEnabled(!files.isEmpty());
}

void MainWindow::setTheme(ThemeChoice choice)
{
    QSettings().setValue(QStringLiteral("theme"), toString(choice));
    applyTheme(*qApp, choice);
}

void MainWindow::updateIcons()
{
    // Line icons in the text colour: readable on dark and light themes alike.
    const QColor color = palette().color(QPalette::WindowText);
    m_zoomInAction->setIcon(themedIcon(QStringLiteral(":/icons/zoom-in.svg"), color));
    m_zoomOutAction->setIcon(themedIcon(QStringLiteral(":/icons/zoom-out.svg"), color));
    m_fitAction->setIcon(themedIcon(QStringLiteral(":/icons/zoom-fit.svg"), color));
    m_resetZoomAction->setIcon(themedIcon(QStringLiteral(":/icons/zoom-actual.svg"), color));
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_zoomInAction)
        updateIcons();
    if (event->type() == QEvent::PaletteChange && m_diagnostics)
        validateNow(); // underline colours follow the theme
}

void MainWindow::readSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1440, 900);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
}

void MainWindow::writeSettings()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    writeSettings();
    // A clean end: nothing to recover next time.
    m_autosave->discard();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls() && !event->mimeData()->urls().isEmpty()
        && event->mimeData()->urls().first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile())
        return;
    event->acceptProposedAction();
    const QString path = urls.first().toLocalFile();
    // Open after the drop returns, so a dialog never runs inside the drag.
    QTimer::singleShot(0, this, [this, path] {
        if (maybeSave())
            openFile(path);
    });
}

} // namespace Stepwise::App

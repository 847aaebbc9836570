#pragma once

#include "app/gui/apptheme.h"
#include "model/asl/workflow.h"
#include "model/document.h"
#include "model/validation/diagnostic.h"

#include <QMainWindow>
#include <QTimer>

#include <memory>

class QAction;
class QComboBox;
class QDockWidget;
class QGraphicsScene;
class QLabel;
class QMenu;

namespace Stepwise::Model {
class Autosave;
}

namespace Stepwise::Views {
class AslEditor;
class CanvasView;
class DiagnosticOverlay;
class DiagnosticsView;
class InspectorView;
class PaletteView;
} // namespace Stepwise::Views

namespace Stepwise::App {

class EndpointDialog;
class RunDebugger;

// The designer window: palette (left), canvas (centre), inspector (right), ASL text and
// problems (bottom), with menus, toolbar and status bar. It owns the document and keeps the
// views' selections in step; every edit goes through the document's undo stack.
class MainWindow : public QMainWindow
{
    Q_OBJECT

  public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    Model::Document *document() { return &m_document; }
    Views::AslEditor *aslEditor() const { return m_editor; }
    Views::InspectorView *inspector() const { return m_inspector; }
    Views::DiagnosticsView *diagnosticsView() const { return m_diagnostics; }
    Views::CanvasView *canvas() const { return m_canvas; }
    // The step-through debugger: Run menu, run docks, the run on the canvas.
    RunDebugger *runDebugger() const { return m_debugger; }
    Model::Autosave *autosave() const { return m_autosave.get(); }
    const std::vector<Model::Diagnostic> &diagnostics() const { return m_currentDiagnostics; }

    // Opens a definition (JSON or YAML) with its layout. Errors go to a message box when
    // `interactive`, else only to the return value and the status bar.
    bool openFile(const QString &path, bool interactive = true);
    // Starts an untitled document from a bundled definition (":/templates/map.asl.json").
    bool openTemplate(const QString &resourcePath);
    // Opens a definition that has no file (fetched from an endpoint) as an untitled document.
    bool openDefinitionText(const QByteArray &definition, const QString &name,
                            bool interactive = true);
    // File > Connect to Endpoint's dialog, made on first use.
    EndpointDialog *endpointDialog();
    bool saveToFile(const QString &path, bool interactive = true);
    // SVG or PNG by the file's suffix.
    bool exportDiagram(const QString &path, bool interactive = true);
    bool exportAsl(const QString &path, bool interactive = true);
    // Asks to recover unsaved work left by a crashed session, if any.
    void offerRecovery();
    // Prompts (Save / Discard / Cancel) when there are unsaved edits; true to go on.
    bool maybeSave();
    // Lays the diagram out and fits it in the view (for screenshots and first opening).
    void layoutAndFit();
    // Where unsaved work is autosaved: the application's data folder.
    static QString autosaveDirectory();
    QString displayName() const;

  protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void changeEvent(QEvent *event) override;

  private:
    // The canvas in the centre, then one small function per dock, so a new dock (the
    // debugger's) is one more function and one more line in createViews().
    void createViews();
    QDockWidget *addDock(const QString &title, const QString &objectName, QWidget *content,
                         Qt::DockWidgetArea area);
    void createCanvas();
    QDockWidget *createPaletteDock();
    QDockWidget *createInspectorDock();
    QDockWidget *createEditorDock();
    QDockWidget *createProblemsDock();
    void createActions();
    void createMenus();
    void createToolBar();
    void createStatusBar();
    void connectViews();
    void readSettings();
    void writeSettings();
    void updateTitle();
    void updateRecentMenu();
    void updateStatus();
    void scheduleValidation();
    void validateNow();
    void showError(const QString &title, const QString &message, bool interactive);
    void onCanvasSelection(const std::vector<Model::StateId> &ids);
    void onTextCursorState(Model::StateId id);
    void onDiagnosticActivated(Model::StateId id, int line, int column);
    // Moves the canvas selection into a new Parallel branch or Map processor.
    void groupSelection(bool intoMap);
    void newDocument();
    void open();
    bool save();
    bool saveAs();
    void exportAslDialog();
    void exportDiagramDialog();
    void setTheme(ThemeChoice choice);
    void updateIcons();
    QString untitledSavePath() const;

    Model::Document m_document;
    std::unique_ptr<Model::Autosave> m_autosave;
    QString m_untitledName;
    Views::CanvasView *m_canvas = nullptr;
    Views::DiagnosticOverlay *m_badges = nullptr;
    Views::PaletteView *m_palette = nullptr;
    Views::InspectorView *m_inspector = nullptr;
    Views::AslEditor *m_editor = nullptr;
    Views::DiagnosticsView *m_diagnostics = nullptr;
    QDockWidget *m_paletteDock = nullptr;
    QDockWidget *m_inspectorDock = nullptr;
    QDockWidget *m_editorDock = nullptr;
    QDockWidget *m_problemsDock = nullptr;
    QLabel *m_problemsLabel = nullptr;
    QLabel *m_fileLabel = nullptr;
    QComboBox *m_textFormat = nullptr;
    QMenu *m_recentMenu = nullptr;
    EndpointDialog *m_endpointDialog = nullptr;
    QTimer m_validation;
    std::vector<Model::Diagnostic> m_currentDiagnostics;
    bool m_syncingSelection = false;

    QAction *m_newAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_saveAsAction = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QAction *m_zoomInAction = nullptr;
    QAction *m_zoomOutAction = nullptr;
    QAction *m_fitAction = nullptr;
    QAction *m_resetZoomAction = nullptr;
    QAction *m_layoutAction = nullptr;
    QAction *m_minimapAction = nullptr;
    RunDebugger *m_debugger = nullptr;
};

} // namespace Stepwise::App

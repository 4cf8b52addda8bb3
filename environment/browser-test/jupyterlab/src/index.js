// A one-notebook JupyterLab 4 page for the browser test (browser_test_lab.py): it opens the notebook
// named by ?path= from the jupyter_server that serves this page, starts its kernel through
// @jupyterlab/services, and shows it with JupyterLab's own notebook widget, output renderers
// (HTML, PNG, Markdown, ...) and kernel completer. A toolbar offers Run All, Interrupt and Restart
// the way JupyterLab does; Tab in a cell asks the kernel for completions as in JupyterLab.
// window.ivitLab reports the state the test waits for.
import '@jupyterlab/theme-light-extension/style/theme.css';
import '@jupyterlab/notebook/style/index.css';
import '@jupyterlab/completer/style/index.css';
import './page.css';

import { SessionContext } from '@jupyterlab/apputils';
import {
  CodeMirrorEditorFactory,
  CodeMirrorMimeTypeService,
  EditorExtensionRegistry,
  EditorLanguageRegistry,
  ybinding
} from '@jupyterlab/codemirror';
import {
  Completer,
  CompleterModel,
  CompletionHandler,
  KernelCompleterProvider,
  ProviderReconciliator
} from '@jupyterlab/completer';
import { createMarkdownParser } from '@jupyterlab/markedparser-extension';
import { Notebook, NotebookActions, NotebookModel, StaticNotebook } from '@jupyterlab/notebook';
import { RenderMimeRegistry, standardRendererFactories } from '@jupyterlab/rendermime';
import {
  ContentsManager,
  KernelManager,
  KernelSpecManager,
  ServerConnection,
  SessionManager
} from '@jupyterlab/services';
import { CommandRegistry } from '@lumino/commands';
import { BoxPanel, Widget } from '@lumino/widgets';

const query = new URLSearchParams(window.location.search);
const notebookPath = query.get('path');
const kernelName = query.get('kernel') || 'java';

// The page lives under <base>/static/; the REST API and the kernel websockets under <base>/api/.
const baseUrl = new URL('..', window.location.href).href;
const serverSettings = ServerConnection.makeSettings({
  baseUrl,
  wsUrl: baseUrl.replace(/^http/, 'ws'),
  token: query.get('token') || '',
  // A static page gets no login cookie, so the websocket carries the token itself.
  appendToken: true
});

// What the test reads: kernel status, errors of this page, and the widgets themselves.
const state = { ready: false, kernelStatus: 'unknown', finished: {}, errors: [] };
window.ivitLab = state;
window.addEventListener('unhandledrejection', event => state.errors.push(String(event.reason)));

function editorServices() {
  const languages = new EditorLanguageRegistry();
  EditorLanguageRegistry.getDefaultLanguages().forEach(language => languages.addLanguage(language));
  const extensions = new EditorExtensionRegistry();
  EditorExtensionRegistry.getDefaultExtensions().forEach(extension => extensions.addExtension(extension));
  // Ties each editor to its cell's shared (Yjs) source, so typed text reaches the cell model.
  extensions.addExtension({
    name: 'shared-model-binding',
    factory: ({ model }) =>
      EditorExtensionRegistry.createImmutableExtension(
        ybinding({ ytext: model.sharedModel.ysource, undoManager: model.sharedModel.undoManager ?? undefined })
      )
  });
  const factory = new CodeMirrorEditorFactory({ extensions, languages });
  return { languages, factory, mimeTypes: new CodeMirrorMimeTypeService(languages) };
}

function renderers(languages) {
  return new RenderMimeRegistry({
    initialFactories: standardRendererFactories,
    markdownParser: createMarkdownParser(languages)
  });
}

function notebookWidget(editors, rendermime) {
  return new Notebook({
    rendermime,
    mimeTypeService: editors.mimeTypes,
    contentFactory: new Notebook.ContentFactory({ editorFactory: editors.factory.newInlineEditor }),
    // Every cell is kept in the page (JupyterLab's default draws only the visible ones), so the
    // test can count all tables and images of a long notebook; no blank space after the last cell,
    // so a viewport as tall as the notebook shows all of it.
    notebookConfig: { ...StaticNotebook.defaultNotebookConfig, windowingMode: 'none', scrollPastEnd: false }
  });
}

function completion(notebook, sessionContext, commands) {
  const completer = new Completer({ model: new CompleterModel() });
  const reconciliator = new ProviderReconciliator({
    context: {
      widget: notebook,
      get editor() {
        return notebook.activeCell?.editor ?? null;
      },
      get session() {
        return sessionContext.session;
      }
    },
    providers: [new KernelCompleterProvider()],
    timeout: 5000
  });
  const handler = new CompletionHandler({ completer, reconciliator });
  handler.editor = notebook.activeCell?.editor ?? null;
  notebook.activeCellChanged.connect((_, cell) => {
    handler.editor = cell?.editor ?? null;
  });
  completer.hide();
  Widget.attach(completer, document.body);
  // JupyterLab's own bindings: Tab after text invokes the completer, Enter takes the active item.
  commands.addCommand('completer:invoke', { execute: () => handler.invoke() });
  commands.addKeyBinding({
    command: 'completer:invoke',
    keys: ['Tab'],
    selector:
      '.jp-Notebook.jp-mod-editMode .jp-InputArea-editor:not(.jp-mod-has-primary-selection):not(.jp-mod-in-leading-whitespace)'
  });
  commands.addCommand('completer:select', { execute: () => completer.selectActive() });
  commands.addKeyBinding({ command: 'completer:select', keys: ['Enter'], selector: '.jp-Notebook .jp-mod-completer-active' });
  return completer;
}

function toolbar(commands, actions) {
  const bar = new Widget();
  bar.addClass('ivit-toolbar');
  for (const [id, label, execute] of actions) {
    commands.addCommand(id, { label, execute });
    const button = document.createElement('button');
    button.textContent = label;
    button.dataset.command = id;
    button.addEventListener('click', () => void commands.execute(id));
    bar.node.appendChild(button);
  }
  const status = document.createElement('span');
  status.className = 'ivit-kernel-status';
  bar.node.appendChild(status);
  return { bar, status };
}

async function main() {
  if (!notebookPath) {
    throw new Error('no notebook: open this page as index.html?path=NOTEBOOK.ipynb&token=TOKEN');
  }
  const editors = editorServices();
  const rendermime = renderers(editors.languages);
  const contents = new ContentsManager({ serverSettings });
  const file = await contents.get(notebookPath, { type: 'notebook', content: true });

  const model = new NotebookModel();
  model.fromJSON(file.content);
  const notebook = notebookWidget(editors, rendermime);
  notebook.model = model;

  const kernelManager = new KernelManager({ serverSettings });
  const sessionContext = new SessionContext({
    kernelManager,
    sessionManager: new SessionManager({ kernelManager, serverSettings }),
    specsManager: new KernelSpecManager({ serverSettings }),
    path: notebookPath,
    name: notebookPath,
    type: 'notebook',
    kernelPreference: { name: kernelName, autoStartDefault: false, shouldStart: true, canStart: true }
  });

  const commands = new CommandRegistry();
  // Each command counts its finished runs in state.finished, so the test knows when one is done.
  const counted = (id, action) => async () => {
    try {
      return await action();
    } finally {
      state.finished[id] = (state.finished[id] || 0) + 1;
    }
  };
  const { bar, status } = toolbar(commands, [
    ['notebook:run-all-cells', 'Run All', counted('run-all', () => NotebookActions.runAll(notebook, sessionContext))],
    ['notebook:run-cell', 'Run Cell', counted('run-cell', () => NotebookActions.run(notebook, sessionContext))],
    ['notebook:interrupt-kernel', 'Interrupt', counted('interrupt', () => sessionContext.session?.kernel?.interrupt())],
    ['notebook:restart-kernel', 'Restart', counted('restart', () => sessionContext.restartKernel())],
    ['notebook:insert-cell-below', 'Insert Cell', counted('insert', () => {
      NotebookActions.insertBelow(notebook);
      notebook.mode = 'edit';
    })]
  ]);
  commands.addKeyBinding({ command: 'notebook:run-cell', keys: ['Shift Enter'], selector: '.jp-Notebook' });
  sessionContext.statusChanged.connect((_, kernelStatus) => {
    state.kernelStatus = kernelStatus;
    status.textContent = `${kernelName}: ${kernelStatus}`;
  });
  const completer = completion(notebook, sessionContext, commands);
  document.addEventListener('keydown', event => commands.processKeydownEvent(event), true);

  const page = new BoxPanel({ direction: 'top-to-bottom', spacing: 0 });
  page.id = 'ivit-notebook-page';
  BoxPanel.setStretch(bar, 0);
  BoxPanel.setStretch(notebook, 1);
  page.addWidget(bar);
  page.addWidget(notebook);
  Widget.attach(page, document.body);
  window.addEventListener('resize', () => page.update());

  await sessionContext.initialize();
  await sessionContext.ready;
  Object.assign(state, { notebook, sessionContext, completer, commands, ready: true });
}

main().catch(error => {
  state.errors.push(String(error?.stack || error));
  const message = document.createElement('pre');
  message.className = 'ivit-page-error';
  message.textContent = `The notebook page failed: ${error?.stack || error}`;
  document.body.appendChild(message);
});

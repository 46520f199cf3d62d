<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <source>Most frequent values of %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 per year</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Histogram of %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 (%2): %3 values, %4 missing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>; min %1, median %2, mean %3, max %4</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>; %1 distinct</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dataset %1; split %2; candidates: %3; tie rule %4; %5 users evaluated, %6 items; filters: %7; seed %8</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 over k</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1:%2: not a JSON object</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>rs::widgets::CatalogTableModel</name>
    <message>
        <source>Item</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Interactions</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>rs::widgets::CompareMetricsModel</name>
    <message>
        <source>Metric</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Δ %1 − %2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>rs::widgets::ComparePanel</name>
    <message>
        <source>Check two or more models; the first checked is the baseline.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 (run %2, %3)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Check at least two models to compare.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The runs differ in dataset or split: per-user wins and losses are not comparable.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Per-user comparison on %1, split %2: lower rank of the held-out item wins.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Users won / tied / lost against %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Wins</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ties</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Losses</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>rs::widgets::DatasetBrowser</name>
    <message>
        <source>Dataset:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Search titles…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>contains…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>≥ </source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> interactions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Filter:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Items</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Table:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Column:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Statistics</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot load: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(no column)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 (%2): %3 users, %4 items, %5 interactions, %6 catalog rows</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>rs::widgets::EmptyStatePage</name>
    <message>
        <source>&lt;h2&gt;RecScope&lt;/h2&gt;&lt;p&gt;Load a dataset, train recommenders, evaluate and compare them.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;RecScope&lt;/h2&gt;&lt;p&gt;Datensatz laden, Empfehlungsmodelle trainieren, evaluieren und vergleichen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Open dataset folder…</source>
        <translation>Datensatzordner öffnen…</translation>
    </message>
    <message>
        <source>Open project…</source>
        <translation>Projekt öffnen…</translation>
    </message>
    <message>
        <source>New project…</source>
        <translation>Neues Projekt…</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>Zuletzt geöffnete Projekte</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(noch keine)</translation>
    </message>
</context>
<context>
    <name>rs::widgets::EvalResultsModel</name>
    <message>
        <source>Model</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Fit (s)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Eval (s)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>rs::widgets::EvaluationPanel</name>
    <message>
        <source>Run an evaluation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Models with parameters, e.g. pop,ease:lambda=300,als:factors=64</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dataset:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Models:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>k:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Split:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ties:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Run:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Run %1 — %2, %3 models (%4)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Import a dataset with interactions first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name at least one model.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>k: expected whole numbers ≥ 1 separated by commas, got '%1'</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Evaluating…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Evaluation cancelled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Evaluation failed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Run %1 saved: %2 users evaluated.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Run %1 cannot be read: %2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>rs::widgets::EvaluationService</name>
    <message>
        <source>Evaluating %1 models</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>rs::widgets::ImportPreviewPage</name>
    <message>
        <source>Preview</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Meaning</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tag separator:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 (format %2), first %3 rows</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ignore</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>item id</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>title</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>user</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>item (interaction)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>rating</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>attribute</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Interactions need both a user and an item column.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Mark an item id column (for a catalog) or a user and an item column (for interactions).</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>rs::widgets::ImportRunPage</name>
    <message>
        <source>Import</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Importing %1 as '%2'…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Import cancelled; the project is unchanged.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Import failed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Imported '%1': %2 users, %3 items, %4 interactions, %5 catalog rows.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 malformed lines skipped, for example:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>warning: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>rs::widgets::ImportService</name>
    <message>
        <source>%1: cannot read the file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Importing %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>rs::widgets::ImportSourcePage</name>
    <message>
        <source>Choose the data</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A dataset folder (MovieLens, RecBole) or a file (item sequences, CSV, TSV, JSONL).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Folder…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>File…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Path:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Detected:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Detect automatically</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Format:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dataset name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Replace a dataset of the same name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Skip malformed lines (they are counted and listed)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dataset folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dataset file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Data files (*.csv *.tsv *.jsonl *.json *.txt *.inter);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No such file or folder.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unknown format: choose one below.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>rs::widgets::ImportWizard</name>
    <message>
        <source>Import a dataset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel import</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The import is still running. Cancel it?</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>rs::widgets::InteractionsModel</name>
    <message>
        <source>User</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rating</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>rs::widgets::JobsView</name>
    <message>
        <source>No background work running.</source>
        <translation>Keine Hintergrundarbeit.</translation>
    </message>
</context>
<context>
    <name>rs::widgets::MainWindow</name>
    <message>
        <source>RecScope</source>
        <translation>RecScope</translation>
    </message>
    <message>
        <source>The chat with the recommendation agent and the trace stepper arrive with the agent module.</source>
        <translation>Der Chat mit dem Empfehlungsagenten und der Trace-Schrittmodus kommen mit dem Agentenmodul.</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Evaluierung</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>Chat &amp;&amp; traces</source>
        <translation>Chat &amp;&amp; Traces</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Background work</source>
        <translation>Hintergrundarbeit</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New project…</source>
        <translation>&amp;Neues Projekt…</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>Projekt ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open dataset &amp;folder…</source>
        <translation>Datensatz&amp;ordner öffnen…</translation>
    </message>
    <message>
        <source>&amp;Import dataset…</source>
        <translation>Datensatz &amp;importieren…</translation>
    </message>
    <message>
        <source>&amp;Recent projects</source>
        <translation>&amp;Zuletzt geöffnete Projekte</translation>
    </message>
    <message>
        <source>&amp;Close project</source>
        <translation>Projekt &amp;schließen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>%1 — RecScope</source>
        <translation>%1 — RecScope</translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation>Projekt kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Cannot create project</source>
        <translation>Projekt kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Project missing</source>
        <translation>Projekt fehlt</translation>
    </message>
    <message>
        <source>%1 no longer exists.</source>
        <translation>%1 existiert nicht mehr.</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Neues Projekt</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <source>Open dataset folder</source>
        <translation>Datensatzordner öffnen</translation>
    </message>
    <message>
        <source>Work is running</source>
        <translation>Arbeit läuft noch</translation>
    </message>
    <message numerus="yes">
        <source>%n background job(s) are still running. Cancel them and quit?</source>
        <translation>
            <numerusform>Es läuft noch %n Hintergrundaufgabe. Abbrechen und beenden?</numerusform><numerusform>Es laufen noch %n Hintergrundaufgaben. Abbrechen und beenden?</numerusform></translation>
    </message>
</context>
<context>
    <name>rs::widgets::ModelsPanel</name>
    <message>
        <source>Train a model</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Train</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Model:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dataset:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Hyper-parameters:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Trained models</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Import a dataset with interactions first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Training %1…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Training cancelled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Trained %1 in %2 s (%3), saved as model %4.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>rs::widgets::ParamsModel</name>
    <message>
        <source>Default: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Parameter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>rs::widgets::ProgressStrip</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
</context>
<context>
    <name>rs::widgets::ProjectPanel</name>
    <message>
        <source>New…</source>
        <translation>Neu…</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Öffnen…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importieren…</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>Zuletzt geöffnete Projekte</translation>
    </message>
    <message>
        <source>No project open.</source>
        <translation>Kein Projekt geöffnet.</translation>
    </message>
    <message>
        <source>Project: %1</source>
        <translation>Projekt: %1</translation>
    </message>
    <message>
        <source>Datasets</source>
        <translation>Datensätze</translation>
    </message>
    <message>
        <source>%1 users, %2 items, %3 interactions, %4 catalog rows</source>
        <translation>%1 Nutzer, %2 Artikel, %3 Interaktionen, %4 Katalogzeilen</translation>
    </message>
    <message>
        <source>Format %1, imported %2</source>
        <translation>Format %1, importiert %2</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>fit %1 s, %2</source>
        <translation>Training %1 s, %2</translation>
    </message>
    <message>
        <source>Indexes</source>
        <translation>Indizes</translation>
    </message>
    <message>
        <source>%1 vectors, %2</source>
        <translation>%1 Vektoren, %2</translation>
    </message>
    <message>
        <source>Evaluation runs</source>
        <translation>Evaluierungsläufe</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <source>%1, %2 models, %3</source>
        <translation>%1, %2 Modelle, %3</translation>
    </message>
</context>
<context>
    <name>rs::widgets::ProjectSession</name>
    <message>
        <source>Loading dataset %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>rs::widgets::SettingsPanel</name>
    <message>
        <source>LLM endpoint profiles</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add preset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. OPENAI_API_KEY (the variable's name, not the key)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Azure OpenAI</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Local server (costs nothing)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Base URL:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Model:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>API key variable:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Profile per role</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Prices (USD per 1M tokens)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Input</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add row</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Language (after restart):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Revert</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Built-in planner (no LLM)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Testing %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Connected: %1 models listed; %2 %3.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>is available</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>is not listed</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>rs::widgets::TrainedModelsModel</name>
    <message>
        <source>(external files)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Fit (s)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>rs::widgets::TrainingService</name>
    <message>
        <source>Training %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>rs::widgets::WinTieLossModel</name>
    <message>
        <source>Model vs %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Wins</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ties</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Losses</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>
// The LSCB Report task pane: runs Validate, Compute and Build report, and shows what they
// did. The Python scripts answer through two functions registered here, which xlwings'
// runMacro action calls after Excel has applied the scripts' writes:
//   lscbShowOutcome(context, outcome)  the message, the findings and the report's link;
//   lscbSetLinks(context, sheet, links) links to cells (documentReference) or to a URL.
// Everything from the workbook is shown with textContent, never as HTML. A new run first
// clears the error box an earlier run may have left (xlwings shows a refused click there).
// "Only this tab" sends the active tab's name to Validate, which then lists that tab's
// findings only.
import { registerCallback } from "./custom-scripts/index.js";
import { hideGlobalError } from "./utils.js";

const LABELS = { validate: "Validate", compute: "Compute", build_report: "Build report" };
const TOKEN_KEY = "lscb-report-token";
let scriptsMeta = null;
let waiting = false;

// The tabs a script reads, from its @script(include=..., exclude=...): Excel sends only those.
async function sheetsOf(scriptName) {
  if (scriptsMeta === null) {
    const url = `${window.location.origin}${config.appPath}/xlwings/custom-scripts-meta.json`;
    const response = await fetch(url);
    scriptsMeta = response.ok ? await response.json() : [];
  }
  const meta = scriptsMeta.find((entry) => entry.function_name === scriptName) || {};
  return { include: meta.include || "", exclude: meta.exclude || "" };
}

// The name of the tab the user is on.
async function activeSheetName() {
  return Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.load("name");
    await context.sync();
    return sheet.name;
  });
}

async function argsOf(scriptName) {
  if (scriptName === "build_report") return [window.location.origin + config.appPath];
  const onlyTab = document.getElementById("lscb-only-tab");
  if (scriptName === "validate" && onlyTab && onlyTab.checked) return [await activeSheetName()];
  return [];
}

async function runScript(scriptName) {
  const buttons = document.querySelectorAll("[data-lscb-script]");
  buttons.forEach((button) => button.setAttribute("disabled", "true"));
  hideGlobalError();
  showText("lscb-status", `${LABELS[scriptName]}: working…`);
  waiting = true;
  try {
    const auth = await globalThis.getAuth();
    const args = await argsOf(scriptName);
    const sheets = await sheetsOf(scriptName);
    await xlwings.runPython({
      scriptName: scriptName,
      args: args,
      include: sheets.include,
      exclude: sheets.exclude,
      auth: auth.token,
      headers: { "Auth-Provider": auth.provider },
      errorDisplayMode: "taskpane",
    });
  } finally {
    buttons.forEach((button) => button.removeAttribute("disabled"));
    if (waiting) {
      showText("lscb-status", `${LABELS[scriptName]} did not finish: see the message above.`);
    }
  }
}
globalThis.lscbRunScript = runScript; // ribbon.js is a classic script

function showText(id, text) {
  const element = document.getElementById(id);
  if (element) element.textContent = text;
}

async function selectCell(sheetName, cell) {
  await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    sheet.activate();
    sheet.getRange(cell).select();
    await context.sync();
  });
}

function findingItem(finding) {
  const item = document.createElement("li");
  item.className = "mb-2";
  const where = document.createElement(finding.cell ? "a" : "span");
  where.textContent = `${finding.severity.toUpperCase()} ${finding.sheet || "Workbook"}`
    + (finding.cell ? ` ${finding.cell}` : "");
  where.className = finding.severity === "error" ? "fw-bold text-danger" : "fw-bold";
  if (finding.cell) {
    where.href = "#";
    where.addEventListener("click", (event) => {
      event.preventDefault();
      selectCell(finding.sheet, finding.cell);
    });
  }
  const message = document.createElement("div");
  message.textContent = finding.message;
  item.append(where, message);
  if (finding.state) {
    // a disagreement: open until it is corrected or signed off on the Sign-off tab
    const state = document.createElement("div");
    const signed = finding.signed_off;
    state.className = signed ? "small text-success" : "small text-warning-emphasis";
    state.textContent = signed
      ? `Signed off by ${signed.by} on ${signed.date}: ${signed.decision}.`
      : `Open: correct it, or sign it off on the Sign-off tab with the key ${finding.key}`;
    item.append(state);
  }
  return item;
}

function showReport(report) {
  const element = document.getElementById("lscb-report");
  if (!element || !report) return;
  const link = document.createElement("a");
  link.href = report.url;
  link.target = "_blank";
  link.rel = "noopener";
  link.textContent = report.text;
  element.replaceChildren(link);
  if (report.expires) {
    const until = new Date(report.expires * 1000).toLocaleTimeString([], {
      hour: "2-digit",
      minute: "2-digit",
    });
    element.append(` Valid until ${until}.`);
  }
}

async function lscbShowOutcome(context, outcome) {
  waiting = false;
  showText("lscb-status", outcome.message);
  showText(
    "lscb-counts",
    (outcome.sheet ? `On ${outcome.sheet}: ` : "")
      + `${outcome.errors} error(s), ${outcome.warnings} warning(s)`
      + (outcome.open ? `, ${outcome.open} disagreement(s) open` : "")
      + (outcome.unlisted ? `; the first ${outcome.findings.length} are listed here, `
        + "all are on the Validation tab." : "."),
  );
  const list = document.getElementById("lscb-findings");
  if (list) list.replaceChildren(...outcome.findings.map(findingItem));
  showReport(outcome.report);
}
registerCallback(lscbShowOutcome);

async function lscbSetLinks(context, sheetName, links) {
  const sheet = context.workbook.worksheets.getItem(sheetName);
  for (const [cell, target, text] of links) {
    const range = sheet.getRange(cell);
    range.hyperlink = { ...target, textToDisplay: text };
    range.format.font.underline = "Single";
  }
  await context.sync();
}
registerCallback(lscbSetLinks);

document.querySelectorAll("[data-lscb-script]").forEach((button) => {
  button.addEventListener("click", () => runScript(button.dataset.lscbScript));
});

const tokenInput = document.getElementById("lscb-token");
if (tokenInput) {
  tokenInput.value = localStorage.getItem(TOKEN_KEY) || "";
  tokenInput.addEventListener("change", () => localStorage.setItem(TOKEN_KEY, tokenInput.value));
}

// The LSCB Report ribbon tab (templates/manifest.xml). Each button opens the task pane and
// runs its script there (lscbRunScript in lscb.js calls xlwings.runPython), so the outcome
// is shown in the pane. The ribbon and the pane share one runtime, the pane's page.
function ribbonAction(scriptName) {
  return async function (event) {
    try {
      await Office.addin.showAsTaskpane();
      await globalThis.lscbRunScript(scriptName);
    } finally {
      event.completed();
    }
  };
}

Office.actions.associate("lscb-validate", ribbonAction("validate"));
Office.actions.associate("lscb-compute", ribbonAction("compute"));
Office.actions.associate("lscb-build", ribbonAction("build_report"));

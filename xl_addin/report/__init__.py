"""The annual report: context (pure), charts, and the Word document."""

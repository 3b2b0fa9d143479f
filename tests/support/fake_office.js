// A small stand-in for Office.js and the Excel JavaScript API, for the task pane in a
// browser with no Excel. It holds a workbook (globalThis.__lscbBook: the sheets' names,
// values and Excel Tables, from xl_addin.tools.officejs_payload's payload of an .xlsx), answers
// the reads xlwings Server's client makes to build a click's payload, and records every
// write it is asked for in globalThis.__excelWrites, which the test reads back:
//   {sheet, address, set: "values" | "numberFormat" | "hyperlink" | "format.fill.color" ...,
//    value}, {sheet, address, call: "conditionalFormats.clearAll" ..., args},
//   {sheet, added: true}, {sheet, activated: true}, {sheet, address, selected: true}.
// Properties are always loaded, and sync() does nothing: there is no Excel to wait for.
(() => {
  "use strict";
  const source = globalThis.__lscbBook;
  const writes = [];
  globalThis.__excelWrites = writes;

  // --- addresses ------------------------------------------------------------------------
  function columnName(index) {
    let name = "";
    for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
      name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
    }
    return name;
  }
  function a1(row, column, rows, columns) {
    const first = `${columnName(column)}${row + 1}`;
    if (rows === 1 && columns === 1) return first;
    return `${first}:${columnName(column + columns - 1)}${row + rows}`;
  }
  function parseAddress(address) {
    const corners = address.replace(/\$/g, "").split("!").pop().split(":").map((corner) => {
      const [, letters, digits] = /^([A-Z]+)(\d+)$/i.exec(corner);
      let column = 0;
      for (const letter of letters.toUpperCase()) column = column * 26 + letter.charCodeAt(0) - 64;
      return { row: Number(digits) - 1, column: column - 1 };
    });
    const [first, last = corners[0]] = corners;
    return [first.row, first.column, last.row - first.row + 1, last.column - first.column + 1];
  }
  function quoted(name) {
    return /^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
  }

  // --- anything not modelled: formats, rules, panes -> recorded as they are set ----------
  function recorder(where, path = []) {
    return new Proxy(function () {}, {
      get(_, key) {
        if (key === "then" || typeof key === "symbol") return undefined;
        if (key === "load") return () => recorder(where, path);
        return recorder(where, [...path, key]);
      },
      set(_, key, value) {
        writes.push({ ...where, set: [...path, key].join("."), value });
        return true;
      },
      apply(_, __, args) {
        const plain = args.map((arg) => (arg instanceof Range ? arg.where.address : arg));
        writes.push({ ...where, call: path.join("."), args: plain });
        return recorder(where, [...path, "()"]);
      },
    });
  }
  const nothing = () => ({ isNullObject: true, load() { return this; } });
  function collection(items) {
    return {
      get items() { return typeof items === "function" ? items() : items; },
      load() { return this; },
      getItemAt(index) { return this.items[index]; },
      getCount() { return { value: this.items.length }; },
    };
  }

  // --- the workbook ----------------------------------------------------------------------
  class Range {
    constructor(sheet, row, column, rows, columns) {
      Object.assign(this, { sheet, row, column, rows, columns, isNullObject: false });
      this.worksheet = sheet;
      const where = { sheet: sheet.name, address: a1(row, column, rows, columns) };
      this.format = recorder(where, ["format"]);
      this.conditionalFormats = recorder(where, ["conditionalFormats"]);
      this.where = where;
    }
    load() { return this; }
    get address() { return `${quoted(this.sheet.name)}!${this.where.address}`; }
    get rowCount() { return this.rows; }
    get columnCount() { return this.columns; }
    get values() {
      return Array.from({ length: this.rows }, (_, i) => Array.from({ length: this.columns },
        (__, j) => this.sheet.value(this.row + i, this.column + j)));
    }
    set values(matrix) {
      // As Excel does: a leading apostrophe marks the rest as text and is not kept.
      const typed = matrix.map((line) => line.map((value) =>
        (typeof value === "string" && value.startsWith("'") ? value.slice(1) : value)));
      typed.forEach((line, i) => line.forEach((value, j) => {
        this.sheet.setValue(this.row + i, this.column + j, value);
      }));
      writes.push({ ...this.where, set: "values", value: typed, typed: matrix });
    }
    get numberFormat() {
      return Array.from({ length: this.rows }, () => Array(this.columns).fill("General"));
    }
    set numberFormat(value) { writes.push({ ...this.where, set: "numberFormat", value }); }
    set formulas(value) { writes.push({ ...this.where, set: "formulas", value }); }
    set hyperlink(value) { writes.push({ ...this.where, set: "hyperlink", value }); }
    setCellProperties(value) { writes.push({ ...this.where, call: "setCellProperties", args: [value] }); }
    clear(applyTo) { writes.push({ ...this.where, call: "clear", args: [applyTo] }); }
    select() {
      this.sheet.book.active = this.sheet;
      writes.push({ ...this.where, selected: true });
    }
    getEntireRow() { return recorder(this.where, ["entireRow"]); }
    getEntireColumn() { return recorder(this.where, ["entireColumn"]); }
  }

  class Table {
    constructor(sheet, spec) {
      Object.assign(this, { sheet, name: spec.name, showHeaders: spec.show_headers,
        showTotals: spec.show_totals, style: spec.table_style, showFilterButton: spec.show_autofilter,
        highlightFirstColumn: false, highlightLastColumn: false, showBandedRows: true,
        showBandedColumns: false });
      this.spec = spec;
      this.columns = collection(spec.columns.map((name) => ({ name })));
    }
    load() { return this; }
    at(address) { return address ? this.sheet.getRange(address) : nothing(); }
    getRange() { return this.at(this.spec.range_address); }
    getDataBodyRange() { return this.at(this.spec.data_body_range_address); }
    getHeaderRowRange() { return this.at(this.spec.header_row_range_address); }
    getTotalRowRange() { return this.at(this.spec.total_row_range_address); }
  }

  class Worksheet {
    constructor(book, name, values = [[]], tables = []) {
      Object.assign(this, { book, name, visibility: "Visible", showGridlines: true });
      this.grid = values.map((line) => [...line]);
      this.tables = collection(tables.map((spec) => new Table(this, spec)));
      this.names = collection([]);
      this.charts = collection([]);
      this.pivotTables = collection([]);
      this.shapes = collection([]);
      this.pageLayout = { getPrintAreaOrNullObject: nothing };
      this.freezePanes = recorder({ sheet: name }, ["freezePanes"]);
    }
    load() { return this; }
    get position() { return this.book.sheets.indexOf(this); }
    set position(index) {
      this.book.sheets.splice(this.position, 1);
      this.book.sheets.splice(index, 0, this);
    }
    value(row, column) {
      const line = this.grid[row];
      return line && line[column] !== undefined && line[column] !== null ? line[column] : "";
    }
    setValue(row, column, value) {
      while (this.grid.length <= row) this.grid.push([]);
      this.grid[row][column] = value;
    }
    getUsedRangeOrNullObject() {
      let rows = 0;
      let columns = 0;
      this.grid.forEach((line, i) => line.forEach((value, j) => {
        if (value !== "" && value !== null && value !== undefined) {
          rows = Math.max(rows, i + 1);
          columns = Math.max(columns, j + 1);
        }
      }));
      return rows ? new Range(this, 0, 0, rows, columns) : nothing();
    }
    getRange(address) { return new Range(this, ...parseAddress(address)); }
    getRangeByIndexes(row, column, rows, columns) { return new Range(this, row, column, rows, columns); }
    getRanges() {
      return { clear: (applyTo) => {
        this.grid = [];
        writes.push({ sheet: this.name, call: "clear", args: [applyTo] });
      } };
    }
    activate() {
      this.book.active = this;
      writes.push({ sheet: this.name, activated: true });
    }
  }

  const book = { sheets: [], active: null };
  book.sheets = source.sheets.map((s) => new Worksheet(book, s.name, s.values, s.tables));
  book.active = book.sheets[source.active] || book.sheets[0];
  const notFound = (name) => Object.assign(new Error(`The sheet ${name} does not exist.`),
    { code: "ItemNotFound" });
  const worksheets = {
    get items() { return book.sheets; },
    load() { return this; },
    getItem(name) {
      const sheet = book.sheets.find((s) => s.name === name);
      if (!sheet) throw notFound(name);
      return sheet;
    },
    getItemOrNullObject(name) { return book.sheets.find((s) => s.name === name) || nothing(); },
    getActiveWorksheet() { return book.active; },
    add(name) {
      const sheet = new Worksheet(book, name);
      book.sheets.push(sheet);
      writes.push({ sheet: name, added: true });
      return sheet;
    },
  };
  const application = {
    calculationMode: "Automatic",
    load() { return this; },
    calculate() {},
    cultureInfo: { name: "en-GB", load() { return this; } },
  };
  const workbook = {
    name: source.name,
    worksheets,
    application,
    // Book-scoped constant names (the profile the workbook records), as Office.js lists them.
    names: collection((source.names || []).map((n) => ({
      name: n.name, formula: n.refers_to, type: "String", load() { return this; },
    }))),
    load() { return this; },
    getSelectedRange() { return new Range(book.active, 0, 0, 1, 1); },
    save() {},
  };
  globalThis.__fakeWorkbook = book;

  // --- Excel and Office -------------------------------------------------------------------
  class RequestContext {
    constructor() {
      this.workbook = workbook;
      this.application = application;
      this.trackedObjects = { add() {}, remove() {} };
    }
    async sync() {}
  }
  globalThis.Excel = {
    RequestContext,
    async run(...args) {
      const body = args[args.length - 1];
      return body(new RequestContext());
    },
    ClearApplyTo: { all: "All", contents: "Contents", formats: "Formats" },
    ShapeType: { image: "Image" },
    CalculationType: { full: "Full" },
    SaveBehavior: { save: "Save" },
    DeleteShiftDirection: { up: "Up", left: "Left" },
    InsertShiftDirection: { down: "Down", right: "Right" },
  };
  const ready = { host: "Excel", platform: "PC" };
  globalThis.Office = {
    onReady(callback) {
      if (callback) callback(ready);
      return Promise.resolve(ready);
    },
    context: {
      requirements: {
        // ExcelApi 1.12: enough for every write the add-in makes; notes (1.18) are off.
        isSetSupported(name, version) {
          return name === "ExcelApi" && Number(String(version).split(".")[1]) <= 12;
        },
      },
    },
    actions: { associate() {} },
    addin: { async showAsTaskpane() {} },
    auth: { async getAccessToken() { throw new Error("No Entra ID here."); } },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    EventType: { DialogMessageReceived: "dialogMessageReceived", DialogEventReceived: "dialogEventReceived" },
  };
})();

"""Write the desktop add-in, ``xl_addin/addin/xl_addin.xlam``, from xlwings' template.

    python -m xl_addin.tools.make_xlam            # rewrite the .xlam
    python -m xl_addin.tools.make_xlam --check    # exit 1 if it is out of date

``xlwings quickstart NAME --addin --ribbon`` copies xlwings' ribbon add-in template, whose
one button runs ``RunPython "import NAME; NAME.main()"`` with NAME taken from the .xlam's
file name: here ``xl_addin``, whose ``main`` forwards to the add-in's entry point, so no
module outside the package is needed. This does the same and relabels
that button in ``customUI/customUI.xml``: tab "LSCB Report", group "Annual report",
button "Build report". The VBA is left exactly as xlwings ships it: it cannot be edited
without Excel's VBA editor, and a button without a VBA callback would not work, so the
desktop add-in has this one button, which runs the whole pipeline.
"""

from __future__ import annotations

import argparse
import io
import sys
import zipfile
from pathlib import Path

import xlwings

__all__ = ["build", "TARGET", "CUSTOM_UI"]

TEMPLATE = Path(xlwings.__file__).parent / "quickstart_addin_ribbon.xlam"
TARGET = Path(__file__).resolve().parents[1] / "addin" / "xl_addin.xlam"
CUSTOM_UI = "customUI/customUI.xml"
CALLBACK = "RibbonMyAddin.RunMain"  # the template's VBA Sub: RunPython "import NAME; NAME.main()"
TIP = "Validate and compute this workbook, then save the annual report (.docx) next to it."
RIBBON = f"""\
<customUI xmlns="http://schemas.microsoft.com/office/2006/01/customui">
    <ribbon>
        <tabs>
            <tab id="lscbReportTab" label="LSCB Report">
                <group id="lscbReportGroup" label="Annual report">
                    <button id="lscbBuildReport" label="Build report" size="large"
                            onAction="{CALLBACK}" imageMso="MacroPlay"
                            screentip="Build report"
                            supertip="{TIP}" />
                </group>
            </tab>
        </tabs>
    </ribbon>
</customUI>
"""


def build() -> bytes:
    """The add-in's bytes: the template with the ribbon relabelled, with fixed timestamps."""
    out = io.BytesIO()
    with zipfile.ZipFile(TEMPLATE) as template, zipfile.ZipFile(out, "w") as xlam:
        for item in template.infolist():
            data = RIBBON.encode() if item.filename == CUSTOM_UI else template.read(item)
            xlam.writestr(zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0)),
                          data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the .xlam is stale")
    args = parser.parse_args()
    if args.check:
        current = TARGET.is_file() and TARGET.read_bytes() == build()
        print(f"{TARGET.name} is {'up to date' if current else 'out of date'}.")
        return 0 if current else 1
    TARGET.write_bytes(build())
    print(f"Wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

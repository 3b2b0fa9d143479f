"""The template's theme, as the charts take it: its font and colours, and nothing else."""

from __future__ import annotations

from xl_addin.report.word.theme import FALLBACK_COLOURS, Theme, theme_of

A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _theme(accents: list[str], dark: str = '<a:srgbClr val="1A1A1A"/>',
           font: str = "Georgia") -> bytes:
    colours = "".join(f'<a:accent{i}><a:srgbClr val="{c}"/></a:accent{i}>'
                      for i, c in enumerate(accents, start=1))
    return (f'<a:theme xmlns:a="{A}"><a:themeElements><a:clrScheme name="x">'
            f"<a:dk1>{dark}</a:dk1>{colours}</a:clrScheme><a:fontScheme name='x'>"
            f'<a:minorFont><a:latin typeface="{font}"/></a:minorFont></a:fontScheme>'
            "</a:themeElements></a:theme>").encode()


def test_the_font_text_colour_and_accents_are_read() -> None:
    theme = theme_of(_theme(["c00000", "00B050", "7030A0", "FFC000", "0070C0", "7F7F7F"]))
    assert theme == Theme("Georgia", "1A1A1A",
                          ("C00000", "00B050", "7030A0", "FFC000", "0070C0", "7F7F7F"))


def test_a_theme_naming_few_colours_plainly_is_filled_with_the_tools_own() -> None:
    """Each series keeps a colour of its own, never the theme's one accent for all."""
    colours = theme_of(_theme(["1F4E79", "00B050"])).colours
    assert colours[:2] == ("1F4E79", "00B050") and len(set(colours)) == 6


def test_a_system_colour_gives_its_last_value() -> None:
    theme = theme_of(_theme([], dark='<a:sysClr val="windowText" lastClr="000000"/>'))
    assert theme.text == "000000" and theme.colours == FALLBACK_COLOURS


def test_values_that_are_not_colours_are_ignored() -> None:
    """A template's theme is a file someone made: what goes into the chart's XML must be a
    plain RRGGBB colour, never text that could close an attribute."""
    theme = theme_of(_theme(["1F4E79&quot;/&gt;&lt;x", "red", "C00000&#10;", "00B050"],
                            dark='<a:srgbClr val="#000"/>', font=" "))
    assert (theme.font, theme.text, theme.colours[0]) == (Theme.font, Theme.text, "00B050")
    assert all(len(c) == 6 for c in theme.colours)


def test_a_damaged_theme_part_gives_the_tools_own() -> None:
    assert theme_of(b"<a:theme") == Theme()

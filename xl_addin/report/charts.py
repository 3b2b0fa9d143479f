"""Charts for the multi-year series: matplotlib, drawn off-screen to PNG.

The figure is drawn at the size it is printed (16 cm wide), so its 9-10 point text reads as
9-10 points on A4. Colours are the Okabe-Ito palette, which stays distinct for the common
kinds of colour blindness; every point and bar is also labelled with its figure, so no
reading depends on colour. The Figure API is used directly (not pyplot), so no global
state or display is involved.
"""

from __future__ import annotations

import io

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from .. import fmt
from .model import Chart, ChartKind

__all__ = ["render_png", "PALETTE", "WIDTH_CM", "HEIGHT_CM"]

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9")  # Okabe-Ito
WIDTH_CM, HEIGHT_CM = 16.0, 7.2
DPI = 150  # sharp in print at 16 cm, and quick to draw
TEXT = "#262626"


def render_png(chart: Chart) -> bytes:
    """The chart as PNG bytes (the same bytes for the same chart)."""
    figure = Figure(figsize=(WIDTH_CM / 2.54, HEIGHT_CM / 2.54), dpi=DPI)
    FigureCanvasAgg(figure)
    # fixed margins: an automatic layout would draw every chart twice
    axes = figure.add_axes((0.105, 0.12, 0.88, 0.85))
    if chart.kind is ChartKind.LINE:
        _lines(axes, chart)
    else:
        _bars(axes, chart)
    _style(axes, chart)
    out = io.BytesIO()
    figure.savefig(out, format="png", metadata={"Software": None},
                   pil_kwargs={"compress_level": 1})
    return out.getvalue()


def _label(chart: Chart, value: float) -> str:
    return fmt.percent(value, 1) if chart.percent else fmt.number(value)


def _lines(axes: Axes, chart: Chart) -> None:
    positions = range(len(chart.categories))
    for colour, series in zip(PALETTE, chart.series, strict=False):
        points = [(x, v) for x, v in zip(positions, series.values, strict=True) if v is not None]
        xs, ys = [x for x, _ in points], [v for _, v in points]
        axes.plot(xs, ys, color=colour, marker="o", linewidth=2.2, markersize=5,
                  label=series.name)
        for x, y in points:
            axes.annotate(_label(chart, y), (x, y), textcoords="offset points", xytext=(0, 7),
                          ha="center", fontsize=8.5, color=TEXT)


def _bars(axes: Axes, chart: Chart) -> None:
    count = len(chart.series)
    width = 0.8 / count
    for i, (colour, series) in enumerate(zip(PALETTE, chart.series, strict=False)):
        offset = (i - (count - 1) / 2) * width
        for x, value in enumerate(series.values):
            if value is None:
                continue
            axes.bar(x + offset, value, width * 0.92, color=colour,
                     label=series.name if x == 0 else None)
            axes.annotate(_label(chart, value), (x + offset, value), textcoords="offset points",
                          xytext=(0, 3), ha="center", fontsize=8.5, color=TEXT)


def _style(axes: Axes, chart: Chart) -> None:
    axes.set_xticks(range(len(chart.categories)), chart.categories, fontsize=9, color=TEXT)
    axes.set_xlim(-0.6, len(chart.categories) - 0.4)
    axes.set_ylim(bottom=0, top=_top(chart))
    axes.set_ylabel(chart.y_label, fontsize=9, color=TEXT)
    axes.tick_params(axis="y", labelsize=9, colors=TEXT)
    if chart.percent:
        axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt.percent(float(v), 0)))
    else:
        axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt.number(float(v), 0)))
    axes.grid(axis="y", color="#D9D9D9", linewidth=0.8)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if len(chart.series) > 1:
        axes.legend(fontsize=9, frameon=False, loc="upper left")


def _top(chart: Chart) -> float:
    """Head room above the highest value for its label (and the legend, if any)."""
    highest = max((v for s in chart.series for v in s.values if v is not None), default=1.0)
    return (highest or 1.0) * (1.35 if len(chart.series) > 1 else 1.18)

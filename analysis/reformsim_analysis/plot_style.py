"""One look for every figure: the Agg backend (no display needed), readable fonts, figure
sizes fixed in inches and saved at a fixed resolution, so a PNG's size is known in advance
(the tests check it) and labels never get cut by a tight bounding box.
"""

import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)

DOTS_PER_INCH = 150
SINGLE_FIGURE_INCHES = (7.0, 4.3)
PANEL_INCHES = (3.6, 2.7)
LEGEND_INCHES = 0.55
STYLE = {
    "font.family": "DejaVu Sans", "font.size": 10, "axes.titlesize": 10.5,
    "axes.labelsize": 10, "xtick.labelsize": 9, "ytick.labelsize": 9, "legend.fontsize": 8.5,
    "axes.spines.top": False, "axes.spines.right": False, "axes.grid": True,
    "grid.alpha": 0.25, "grid.linewidth": 0.6, "lines.linewidth": 1.4,
    "savefig.dpi": DOTS_PER_INCH, "figure.dpi": DOTS_PER_INCH,
}
SERIES_COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
                  "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"]
# When the colours run out, the next round of series repeats them with another line style,
# so no two series share colour and style.
SERIES_LINE_STYLES = ["solid", (0, (5, 2)), (0, (1, 1.5)), (0, (6, 2, 1, 2))]


def series_style(index):
    """(colour, line style) of the index-th series: 10 colours, then 4 line styles of them."""
    colours = len(SERIES_COLOURS)
    return (SERIES_COLOURS[index % colours],
            SERIES_LINE_STYLES[(index // colours) % len(SERIES_LINE_STYLES)])


def panel_grid_inches(panels, columns, panel=PANEL_INCHES, legend=LEGEND_INCHES):
    """(width, height) in inches of a grid of panels with a legend row beneath."""
    columns = max(1, min(columns, panels))
    rows = -(-panels // columns)
    return (panel[0] * columns + 0.3, panel[1] * rows + legend)


def pixel_size(inches):
    """(width, height) in pixels of a figure of that size saved by save_figure (Agg truncates
    fractional pixels)."""
    return tuple(int(round(side * DOTS_PER_INCH, 6)) for side in inches)


def new_figure(inches=SINGLE_FIGURE_INCHES, rows=1, columns=1):
    """A figure with a grid of axes under constrained layout (no overlapping labels)."""
    plt.rcParams.update(STYLE)
    figure, axes = plt.subplots(rows, columns, figsize=inches, layout="constrained",
                                squeeze=False)
    return figure, axes


def save_figure(figure, path):
    """Writes figure as PNG at the fixed resolution and closes it."""
    figure.savefig(path, dpi=DOTS_PER_INCH, format="png")
    plt.close(figure)
    return path


def axis_label(name, units, width=40):
    """"name [units]", wrapped to fit beside a panel; a unit of "1" (a ratio) is left out,
    and a label too long for one line keeps its unit whole on the last line."""
    if not units or units == "1":
        return wrapped(name, width)
    text = f"{name} [{units}]"
    if len(text) <= width:
        return text
    return wrapped(name, width) + "\n" + wrapped(f"[{units}]", width)


def wrapped(text, width=60):
    """Text wrapped for a title; long identifiers (former_heads_not_reappointed) are broken
    after an underscore or a dot rather than left to run past the panel's edge."""
    lines = []
    for word_line in textwrap.wrap(str(text), width, break_long_words=False) or [""]:
        lines.extend(split_identifier(word_line, width))
    return "\n".join(lines)


def split_identifier(line, width):
    """A line longer than width cut after its underscores, dots or slashes."""
    if len(line) <= width:
        return [line]
    pieces, current = [], ""
    for character in line:
        current += character
        if character in "_./ " :
            pieces.append(current)
            current = ""
    pieces.append(current)
    lines, current = [], ""
    for piece in pieces:
        if current and len(current) + len(piece.rstrip()) > width:
            lines.append(current.rstrip())
            current = ""
        current += piece
    return lines + [current.rstrip()] if current.strip() else lines


def panel_figure(panels, columns, panel=PANEL_INCHES, legend=LEGEND_INCHES, sharex=False):
    """A grid of `panels` axes (unused cells removed) and a blank axis beneath spanning the
    width for the shared legend, so constrained layout keeps legend and panels apart."""
    plt.rcParams.update(STYLE)
    columns = max(1, min(columns, panels))
    rows = -(-panels // columns)
    inches = panel_grid_inches(panels, columns, panel, legend)
    figure = plt.figure(figsize=inches, layout="constrained")
    grid = figure.add_gridspec(rows + 1, columns, height_ratios=[panel[1]] * rows + [legend])
    axes = []
    for index in range(panels):
        shared = axes[0] if sharex and axes else None
        axes.append(figure.add_subplot(grid[index // columns, index % columns], sharex=shared))
    legend_axis = figure.add_subplot(grid[rows, :])
    legend_axis.axis("off")
    return figure, axes, legend_axis


def format_number(value):
    """A figure for titles and tables: whole numbers from 100 up, else 3 significant digits."""
    if value != value:  # NaN
        return "n/a"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def limit_value_ticks(axis):
    """At most four or five ticks on a panel's value (x) axis, so tick labels never run together."""
    from matplotlib.ticker import MaxNLocator
    axis.xaxis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10]))


def log_ticks(axis_object):
    """Ticks at 1, 2 and 5 of each decade, written as plain numbers: a parameter's log range is
    often under a decade, where the default shows a single power of ten."""
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter
    axis_object.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    axis_object.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
    axis_object.set_minor_formatter(NullFormatter())

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


def panel_grid_inches(panels, columns):
    """(width, height) in inches of a grid of panels with a legend row beneath."""
    columns = max(1, min(columns, panels))
    rows = -(-panels // columns)
    return (PANEL_INCHES[0] * columns + 0.3, PANEL_INCHES[1] * rows + LEGEND_INCHES)


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


def axis_label(name, units):
    """"name [units]", wrapped to fit beside a panel."""
    text = f"{name} [{units}]" if units and units != "1" else name
    return "\n".join(textwrap.wrap(text, 40, break_long_words=False))


def wrapped(text, width=60):
    """Text wrapped for a title."""
    return "\n".join(textwrap.wrap(str(text), width, break_long_words=False))


def panel_figure(panels, columns):
    """A grid of `panels` axes (unused cells removed) and a blank axis beneath spanning the
    width for the shared legend, so constrained layout keeps legend and panels apart."""
    plt.rcParams.update(STYLE)
    columns = max(1, min(columns, panels))
    rows = -(-panels // columns)
    inches = panel_grid_inches(panels, columns)
    figure = plt.figure(figsize=inches, layout="constrained")
    grid = figure.add_gridspec(rows + 1, columns,
                               height_ratios=[PANEL_INCHES[1]] * rows + [LEGEND_INCHES])
    axes = [figure.add_subplot(grid[index // columns, index % columns]) for index in range(panels)]
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

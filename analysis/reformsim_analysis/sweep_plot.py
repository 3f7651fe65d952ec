"""Response surfaces of a sweep (a merged file, a chunk file or a sweep directory): for each
output statistic (a summary metric, or a series metric reduced as `reformsim sensitivity`
does, docs/sweeps.md), its mean over replications at every design point over two swept
parameters: a heat map when the design is a full two-parameter grid, else the design points
coloured by value over a surface interpolated between them (linear on a triangulation, so it
invents nothing beyond the points' hull). One swept parameter gives the statistic against it.

    python3 -m reformsim_analysis.sweep_plot results/sweep_demo --out plots \
        [--output firms:last_year] [--x PARAMETER --y PARAMETER]
"""

import os
import re
import sys

import matplotlib.tri as mtri
import numpy as np

from reformsim_analysis.command_line import base_parser, output_folder, run_command
from reformsim_analysis.loading import open_dataset
from reformsim_analysis.plot_style import (SERIES_COLOURS, axis_label, format_number,
                                           log_ticks, new_figure, save_figure, wrapped)
from reformsim_analysis.sweep_files import SWEEP_KINDS, swept_parameters
from reformsim_analysis.sweep_statistics import default_statistics, per_replication

SURFACE_INCHES = (6.4, 5.0)
COLOUR_MAP = "viridis"
ANNOTATED_CELLS = 100  # grids up to this many cells get their values written in


def plural(count, word):
    return f"{count} {word}" + ("" if count == 1 else "s")


def file_name(statistic):
    """sweep_<statistic>.png with the rule joined by an underscore (firms_last_year)."""
    return "sweep_" + re.sub(r"[^A-Za-z0-9_.-]+", "_", statistic) + ".png"


def parameter_axis(axis, which, parameter, dataset):
    """Label an axis with a parameter's name and unit, log-scaled for a log range."""
    variable = dataset[parameter["name"]]
    label = axis_label(parameter["name"], variable.attrs.get("units", ""), 45)
    if which == "x":
        axis.set_xlabel(label)
        if parameter["log"]:
            axis.set_xscale("log")
            log_ticks(axis.xaxis)
    else:
        axis.set_ylabel(label)
        if parameter["log"]:
            axis.set_yscale("log")
            log_ticks(axis.yaxis)


def cell_edges(levels, log):
    """Edges of heat-map cells centred on sorted grid levels (geometric midpoints on a log
    axis), the outer cells as wide as their neighbours."""
    values = np.log(levels) if log else np.asarray(levels, dtype=float)
    if values.size == 1:
        edges = np.array([values[0] - 0.5, values[0] + 0.5])
    else:
        middle = (values[1:] + values[:-1]) / 2
        edges = np.concatenate([[2 * values[0] - middle[0]], middle,
                                [2 * values[-1] - middle[-1]]])
    return np.exp(edges) if log else edges


def grid_levels(x, y):
    """(x levels, y levels) if the points form a full grid over the two parameters; None."""
    x_levels, y_levels = np.unique(x), np.unique(y)
    pairs = set(zip(x.tolist(), y.tolist()))
    if len(pairs) == x.size and x_levels.size * y_levels.size == x.size and x_levels.size > 1 \
            and y_levels.size > 1:
        return x_levels, y_levels
    return None


def draw_heat_map(axis, x, y, values, levels, parameters):
    """A full grid as cells coloured by value."""
    x_levels, y_levels = levels
    grid = np.full((y_levels.size, x_levels.size), np.nan)
    for xi, yi, value in zip(x, y, values):
        grid[np.searchsorted(y_levels, yi), np.searchsorted(x_levels, xi)] = value
    mesh = axis.pcolormesh(cell_edges(x_levels, parameters[0]["log"]),
                           cell_edges(y_levels, parameters[1]["log"]), grid, cmap=COLOUR_MAP,
                           shading="flat")
    if grid.size <= ANNOTATED_CELLS:
        for (row, column), value in np.ndenumerate(grid):
            red, green, blue, _ = mesh.cmap(mesh.norm(value)) if np.isfinite(value) else (1,) * 4
            dark = 0.299 * red + 0.587 * green + 0.114 * blue < 0.5
            axis.text(x_levels[column], y_levels[row], format_number(value), ha="center",
                      va="center", fontsize=7.5, color="white" if dark else "black")
    return mesh


def draw_scattered(axis, x, y, values, parameters):
    """Scattered design points over a triangulated surface (in log coordinates for log
    parameters, so triangles are not skewed towards the top of a decade)."""
    finite = np.isfinite(values)
    tx = np.log10(x) if parameters[0]["log"] else x
    ty = np.log10(y) if parameters[1]["log"] else y
    if np.count_nonzero(finite) >= 4 and np.ptp(values[finite]) > 0:
        try:
            triangulation = mtri.Triangulation(tx[finite], ty[finite])
            surface = mtri.LinearTriInterpolator(triangulation, values[finite])
            gx, gy = np.meshgrid(np.linspace(tx.min(), tx.max(), 120),
                                 np.linspace(ty.min(), ty.max(), 120))
            gz = surface(gx, gy)
            axis.pcolormesh(10 ** gx if parameters[0]["log"] else gx,
                            10 ** gy if parameters[1]["log"] else gy, gz, cmap=COLOUR_MAP,
                            shading="auto", alpha=0.55, vmin=np.nanmin(values),
                            vmax=np.nanmax(values), rasterized=True)
        except (RuntimeError, ValueError):  # collinear points: no surface, the points stay
            pass
    return axis.scatter(x, y, c=values, cmap=COLOUR_MAP, s=38, edgecolors="black",
                        linewidths=0.6, zorder=3)


def draw_surface(dataset, statistic, parameters, path):
    """The figure of one statistic over two parameters."""
    values = per_replication(dataset, statistic)
    means = values.mean("replication").values
    x, y = (dataset[parameter["name"]].values for parameter in parameters)
    figure, axes = new_figure(SURFACE_INCHES)
    axis = axes[0, 0]
    axis.grid(False)  # before pcolormesh, which no longer removes grids itself
    levels = grid_levels(x, y)
    if levels is not None:
        artist = draw_heat_map(axis, x, y, means, levels, parameters)
        how = "grid cells"
    else:
        artist = draw_scattered(axis, x, y, means, parameters)
        how = "design points (circles) over a linear interpolation between them"
    bar = figure.colorbar(artist, ax=axis, shrink=0.9)
    bar.set_label(axis_label(values.attrs["long_name"], values.attrs.get("units", ""), 45))
    parameter_axis(axis, "x", parameters[0], dataset)
    parameter_axis(axis, "y", parameters[1], dataset)
    others = len(swept_parameters(dataset)) - 2
    note = f"; {others} other swept parameter(s) vary over the design" if others > 0 else ""
    if np.nanmax(means) == np.nanmin(means):
        note += "; constant over the design"
    axis.set_title(wrapped(f"{statistic}: mean of "
                           f"{plural(dataset.sizes['replication'], 'replication')} at "
                           f"{dataset.sizes['point']} points ({how}){note}", 70),
                   fontsize=9.5)
    return save_figure(figure, path)


def draw_response(dataset, statistic, parameter, path):
    """The figure of one statistic against the only swept parameter: every replication and
    the mean per point."""
    values = per_replication(dataset, statistic)
    x = dataset[parameter["name"]].values
    figure, axes = new_figure()
    axis = axes[0, 0]
    for replication in range(values.sizes["replication"]):
        axis.scatter(x, values.isel(replication=replication).values, s=10, alpha=0.45,
                     color=SERIES_COLOURS[0], linewidths=0,
                     label="replications" if replication == 0 else None)
    order = np.argsort(x)
    axis.plot(x[order], values.mean("replication").values[order], color=SERIES_COLOURS[1],
              marker="o", markersize=4, label="mean over replications")
    parameter_axis(axis, "x", parameter, dataset)
    axis.set_ylabel(axis_label(values.attrs["long_name"], values.attrs.get("units", "")))
    axis.set_title(wrapped(f"{statistic} over {dataset.sizes['point']} design points", 80))
    axis.legend(frameon=False)
    return save_figure(figure, path)


def chosen_parameters(dataset, x=None, y=None):
    """The parameters to plot against: --x and --y, else the first two swept."""
    parameters = swept_parameters(dataset)
    by_name = {parameter["name"]: parameter for parameter in parameters}
    for name in (x, y):
        if name is not None and name not in by_name:
            raise ValueError(f"no swept parameter named {name}; swept: " + ", ".join(by_name))
    chosen = [by_name[name] for name in (x, y) if name is not None]
    chosen += [parameter for parameter in parameters if parameter not in chosen]
    return chosen[:2]


def plot_sweep(path, out, statistics=None, x=None, y=None, allow_incomplete=False):
    """Writes sweep_<statistic>.png for each statistic (default: every scalar metric)."""
    dataset = open_dataset(path, allow_incomplete=allow_incomplete)
    if dataset.attrs["kind"] not in SWEEP_KINDS:
        raise ValueError(f"{path}: a sweep plot needs a sweep (merged file, chunk file or "
                         f"directory), not a {dataset.attrs['kind']} file")
    parameters = chosen_parameters(dataset, x, y)
    written = []
    for statistic in statistics or default_statistics(dataset):
        target = os.path.join(output_folder(out), file_name(statistic))
        if len(parameters) == 1:
            written.append(draw_response(dataset, statistic, parameters[0], target))
        else:
            written.append(draw_surface(dataset, statistic, parameters, target))
    return written


def main(arguments=None):
    parser = base_parser("sweep_plot", "Response surfaces of a sweep over two parameters.")
    parser.add_argument("--output", action="append", metavar="STAT",
                        help="a statistic: summary metric, or METRIC[:last_year|last|mean] "
                             "(repeat; default every scalar metric)")
    parser.add_argument("--x", metavar="PARAMETER", help="swept parameter on the x axis")
    parser.add_argument("--y", metavar="PARAMETER", help="swept parameter on the y axis")
    options = parser.parse_args(arguments)
    return plot_sweep(options.file, options.out, options.output, options.x, options.y,
                      options.allow_incomplete)


if __name__ == "__main__":
    sys.exit(run_command(main))

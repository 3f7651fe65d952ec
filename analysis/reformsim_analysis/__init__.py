"""reformsim_analysis - load reformsim output files (run, compare, decompose, sweep - merged,
chunk or directory -, sensitivity, calibration) into xarray and pandas, compute the reported
January-September windows, and plot.

    import reformsim_analysis as ra
    dataset = ra.open_dataset("results/demo.h5")            # xarray, units kept
    table = ra.open_dataframe("results/demo.h5", burn_in=False)  # tidy pandas
"""

from reformsim_analysis.errors import FileRefused
from reformsim_analysis.file_inspection import file_kind
from reformsim_analysis.loading import (open_dataframe, open_dataset, open_parameters,
                                        open_targets)
from reformsim_analysis.reported_figures import read_reported_figures, read_targets_table
from reformsim_analysis.reported_windows import window_growth, window_statistic
from reformsim_analysis.tidy import drop_burn_in, tidy_frame

__all__ = ["FileRefused", "file_kind", "open_dataset", "open_dataframe", "open_parameters",
           "open_targets", "read_reported_figures", "read_targets_table", "window_growth",
           "window_statistic", "drop_burn_in", "tidy_frame"]

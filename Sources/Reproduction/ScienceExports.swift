// The science types the CLI subcommands call (configurations, files, engines, descriptors,
// information imbalance), re-exported so that `repro` depends on Reproduction and Pipeline only
// and takes each parameter's default and limits from the stage that owns it.
@_exported import Descriptors
@_exported import Dynamics
@_exported import Formats
@_exported import InformationImbalance
@_exported import Model
@_exported import MonteCarlo
@_exported import Randomness

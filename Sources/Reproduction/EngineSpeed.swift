/// The Monte Carlo engine's speed, the numbers the cost estimate of `repro status` turns trials
/// into core-hours with. Measured by `make bench` on the 2-core development machine (N = 4000,
/// T = 0.5, one core): `mc.trials_per_s_per_core` 5.2×10⁶ translational trials/s, and
/// `mc.swap_trial_cost` (from `mc.swap_sweeps_per_s_per_core`, 0.2 N adjacent-size swap trials
/// per sweep, in the same run). Update them here when `make bench` says otherwise.
public enum EngineSpeed {
    public static let trialsPerSecondPerCore = 5e6
    /// A swap trial costs as much as this many translational trials: four particle energies
    /// against one pair sweep, and while swaps run the list reaches the largest cutoff for every
    /// pair, which slows the translations too. `mc.swap_trial_cost` gave 4.1 (quiet machine) and
    /// 3.5, 3.5 (shared) with the 16-lane exchange energy.
    public static let swapTrialCost = 4.0
}

/// The Monte Carlo engine's speed, the numbers the cost estimate of `repro status` turns trials
/// into core-hours with. Measured by `make bench` on the 2-core development machine (N = 4000,
/// T = 0.5, one core): `mc.trials_per_s_per_core` 5.8–6.1×10⁶ translational trials/s with the
/// current engine (4.5–5.6×10⁶ before its last two changes; runs on the shared machine vary by
/// 20 %, so the constant stays below them), and
/// `mc.swap_trial_cost` (from `mc.swap_sweeps_per_s_per_core`, 0.2 N adjacent-size swap trials
/// per sweep, in the same run). Update them here when `make bench` says otherwise.
public enum EngineSpeed {
    public static let trialsPerSecondPerCore = 5e6
    /// A swap trial costs as much as this many translational trials: four particle energies
    /// against one pair sweep, and while swaps run the list reaches the largest cutoff for every
    /// pair, which slows the translations too. `mc.swap_trial_cost` gave 4.1 (quiet machine) and
    /// 3.5, 3.5 (shared) with the 16-lane exchange energy; 1.7–3.6 with its lane conversions inlined
    /// (the noisier of the two measurements: kept at 4 until a quiet run says otherwise).
    public static let swapTrialCost = 4.0
}

/// The Monte Carlo engine's speed, the one number the cost estimate of `repro status` turns trials
/// into core-hours with. Measured by `make bench` (line `mc.trials_per_s_per_core`: translational
/// trials at N = 4000, T = 0.5, one core): 4.5×10⁶ on the 2-core development machine; rounded to
/// 5×10⁶ while the engine is being sped up (issue 15, part 1). Update it here when `make bench`
/// says otherwise. Swap trials cost about four particle energies against one for a translation
/// and are counted as trials like any other: the estimate is optimistic for equilibration.
public enum EngineSpeed {
    public static let trialsPerSecondPerCore = 5e6
}

import Pipeline

/// Each stage kind's cost in Monte Carlo trials (sweeps × N), for the run's time estimate ("task
/// 14 of 23, about 18 min left"). Estimates, not science: the analysis stages are small beside
/// the simulations and count as a few hundred sweeps.
enum TaskCosts {
    static func of(_ kind: String) -> @Sendable (Parameters, [String: [Parameters]]) -> Double {
        switch kind {
        case "equilibrate":
            return { p, _ in n(p) * (value(p, "melt_sweeps") + expectedSwapSweeps(p) * (1 + value(p, "swap_fraction")) + value(p, "check_sweeps")) }
        case "relaxation":
            // (origins − 1) × spacing + max_lag, with the default spacing max_lag / 2.
            return { p, up in n(up["configuration"]?.first) * value(p, "max_lag") * (1 + (value(p, "origins") - 1) / 2) }
        case "propensity":
            // Runs to τα: given, or measured upstream, where the manifest sizes max_lag at about 3 τα.
            return { p, up in
                let tau = value(p, "tau_alpha") > 0 ? value(p, "tau_alpha") : value(up["relaxation"]?.first, "max_lag") / 3
                return n(up["configuration"]?.first) * value(p, "runs") * tau
            }
        case "temperature_point":
            // Per configuration: preparation, then runs to τα (at most initial_max_lag at first).
            return { p, _ in
                n(p) * value(p, "configurations") * (expectedSwapSweeps(p) * (1 + value(p, "swap_fraction")) + value(p, "check_sweeps") + value(p, "runs") * value(p, "initial_max_lag"))
            }
        default:
            return { p, up in 300 * max(n(p), up.values.joined().map(n).max() ?? 0) }
        }
    }

    /// The adaptive swap stage runs at least three windows (burn-in plus the two compared): the
    /// estimate counts that minimum, a lower bound.
    static func expectedSwapSweeps(_ p: Parameters?) -> Double {
        min(3 * value(p, "equilibration_window"), value(p, "max_swap_sweeps"))
    }

    static func n(_ p: Parameters?) -> Double { value(p, "n") }
    /// A numeric parameter, 0 when absent (a cost estimate never fails a run).
    static func value(_ p: Parameters?, _ key: String) -> Double { p?.values[key]?.doubleValue ?? 0 }
}

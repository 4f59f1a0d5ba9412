import Foundation
import Pipeline

/// What the run cost, from the recorded task times, and what the paper's state point would cost
/// at the same engine speed.
extension ReportValues {
    /// The paper's iso-configurational ensemble: 10 configurations × 30 runs × τα = 4×10⁶ sweeps × N.
    static let paperPropensityTrials = 10.0 * 30 * 4e6 * 4000

    /// Monte Carlo trials of the iso-configurational ensembles: runs × longest time × N, summed.
    static func propensityTrials(_ o: StudyOutputs, into v: inout ValueStore) {
        v.set("cost.propensity_trials", zip(o.propensities, o.configurations).reduce(0.0) { sum, pc in
            sum + Double(pc.0.times.runs) * Double(pc.0.times.times.max() ?? 0) * Double(pc.1.count)
        })
    }

    /// Run-time cost from the recorded times of the tasks: the propensity tasks' summed seconds
    /// and core-seconds (seconds × the threads each was given, wherever it ran).
    static func cost(totalSeconds: Double, propensitySeconds: Double, propensityCoreSeconds: Double, into v: inout ValueStore) {
        v.set("cost.task_minutes", totalSeconds / 60)
        guard propensityCoreSeconds > 0, let trials = v["cost.propensity_trials"]?.doubleValue else { return }
        let rate = trials / propensityCoreSeconds
        v.set("cost.propensity_minutes", propensitySeconds / 60)
        v.set("cost.trials_per_core_second", rate)
        v.set("cost.paper_propensity_core_hours", paperPropensityTrials / rate / 3600)
    }
}

import Foundation
import Pipeline

/// What the run cost, from the recorded task times, and what the paper's state point would cost
/// at the same engine speed.
extension ReportValues {
    /// The paper's iso-configurational ensemble: 10 configurations × 30 runs × τα = 4×10⁶ sweeps × N.
    static let paperPropensityTrials = 10.0 * 30 * 4e6 * 4000

    static func cost(_ o: StudyOutputs, stageSeconds: [String: Double], cores: Int, into v: inout ValueStore) {
        let total = stageSeconds.values.reduce(0, +)
        v.set("cost.task_minutes", total / 60)
        guard let seconds = stageSeconds["propensity"], seconds > 0 else { return }
        let trials = zip(o.propensities, o.configurations).reduce(0.0) { sum, pc in
            sum + Double(pc.0.times.runs) * Double(pc.0.times.times.max() ?? 0) * Double(pc.1.count)
        }
        let rate = trials / (seconds * Double(cores))
        v.set("cost.propensity_minutes", seconds / 60)
        v.set("cost.trials_per_core_second", rate)
        v.set("cost.paper_propensity_core_hours", paperPropensityTrials / rate / 3600)
    }
}

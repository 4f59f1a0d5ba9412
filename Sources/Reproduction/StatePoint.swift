/// The state point and ensemble the report describes: N, configurations, T, τα, the runs and
/// the two times of the iso-configurational ensembles.
struct StatePoint: Codable, Sendable, Equatable {
    var n: Int
    var configurations: Int
    var temperature: Double
    /// τα of F_s^CR (NaN when the curve never decays below 1/e).
    var tauAlpha: Double
    var runs: Int
    var tBeta: Int
    /// The propensity time used as τα (in sweeps).
    var tAlphaSweeps: Int
    /// Monte Carlo trials of the iso-configurational ensembles: runs × longest time × N, summed
    /// (the cost values divide it by the recorded time).
    var propensityTrials: Double

    init(_ o: StudyOutputs) throws {
        n = o.configurations[0].count
        configurations = o.configurations.count
        temperature = o.relaxation.temperature
        tauAlpha = o.relaxation.tauAlpha ?? .nan
        runs = o.propensities[0].times.runs
        tBeta = try o.propensities[0].times.time(.tBeta)
        tAlphaSweeps = try o.propensities[0].times.time(.tauAlpha)
        propensityTrials = zip(o.propensities, o.configurations).reduce(0.0) { sum, pc in
            sum + Double(pc.0.times.runs) * Double(pc.0.times.times.max() ?? 0) * Double(pc.1.count)
        }
    }
}

import Descriptors
import Dynamics
import Foundation
import Model

/// The model and method constants the report's Methods quote, read from what the run used (the
/// configurations, the relaxation run) or from the code's named constants, so that no model number
/// is typed into the prose.
struct ModelSummary: Codable, Sendable, Equatable {
    /// N/L² of the configurations.
    var density: Double
    /// Percentages of S, M, L, e.g. "44/20/36".
    var composition: String
    /// k of F_s^CR, from the relaxation run.
    var waveNumber: Double
    /// The cage (Eq. (2)) and bond-breaking (Eq. (4)) shells and the coordination shell of z, Ψ₆, Θ, in σ_αβ.
    var cageRatio: Double
    var bondBreakingRatio: Double
    var coordinationRatio: Double

    init(_ o: StudyOutputs) {
        let c = o.configurations[0]
        density = Double(c.count) / (c.boxLength * c.boxLength)
        composition = Species.allCases.map { s in
            String(format: "%.0f", 100 * Double(c.species.filter { $0 == s }.count) / Double(c.count))
        }.joined(separator: "/")
        waveNumber = o.relaxation.waveNumber
        cageRatio = Cage.neighbourRatio
        bondBreakingRatio = Cage.bondBreakingRatio
        // The descriptors stage uses the default ratio; read it from there rather than repeat it.
        coordinationRatio = (try? StructuralDescriptors())?.neighbourCutoffRatio ?? .nan
    }
}

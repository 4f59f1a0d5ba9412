import Descriptors
import Foundation
import InformationImbalance
import Model
import Pipeline

/// Cross-stage checks of the paper's manifest: what the descriptors code would refuse only after
/// the configurations they read were simulated.
enum PaperChecks {
    /// R_N must be below half the box side L = √(N/ρ) of the configurations a stage reads (its own
    /// `n`, or the `n` of the stage its `configuration` input comes from), or a particle's circle
    /// reaches its own periodic image.
    @Sendable static func coarseGrainingRadius(_ stages: [StageDefinition]) -> [ManifestIssue] {
        stages.compactMap { s in
            guard let radius = s.parameters["coarse_graining_radius"]?.doubleValue else { return nil }
            let from = s.parameters["n"] != nil ? s : s.inputs["configuration"].flatMap { ref in stages.first { $0.name == ref.stage } }
            guard let from, let n = from.parameters["n"]?.intValue, n > 0 else { return nil }
            let half = Mixture.paper.boxLength(n: n) / 2
            guard !(radius < half) else { return nil }
            let origin = from.name == s.name ? "" : " (of stage '\(from.name)')"
            return ManifestIssue(stage: s.name, field: "coarse_graining_radius",
                                 "R_N = \(radius) must be below half the box side, L/2 = \(String(format: "%.2f", half)) for N = \(n)\(origin) "
                                 + "at density \(Mixture.paper.density): a larger circle reaches its own periodic image")
        }
    }

    /// The imbalance stage's greedy selections hold N × N arrays: refused at load, with the same
    /// limit as `repro select` (half this machine's memory), rather than a fatal allocation after
    /// the simulations.
    @Sendable static func selectionMemory(_ stages: [StageDefinition]) -> [ManifestIssue] {
        func upstream(_ s: StageDefinition, _ input: String) -> StageDefinition? {
            s.inputs[input].flatMap { ref in stages.first { $0.name == ref.stage } }
        }
        return stages.compactMap { s in
            guard s.kind == ImbalanceStage.kind.name, let descriptors = upstream(s, "descriptors"),
                  let from = upstream(descriptors, "configuration"), let n = from.parameters["n"]?.intValue else { return nil }
            let features = 6 * (descriptors.parameters["ells"]?.listValue?.count ?? StructuralDescriptors.paperElls.count)
            do {
                try GreedySelection.checkMemory(points: n, features: features, supervised: false, limit: GreedySelection.defaultMemoryLimit)
                return nil
            } catch {
                return ManifestIssue(stage: from.name, field: "n", "stage '\(s.name)': \(error): lower n (the limit is half of this machine's memory)")
            }
        }
    }

    /// The descriptors name their columns by ℓ, so a repeated ℓ is refused by the descriptors code.
    @Sendable static func distinctElls(_ stages: [StageDefinition]) -> [ManifestIssue] {
        stages.compactMap { s in
            guard let ells = s.parameters[DescriptorsStage.ells.name]?.listValue?.compactMap(\.doubleValue),
                  let problem = DescriptorsStage.repeatedElls(ells) else { return nil }
            return ManifestIssue(stage: s.name, field: DescriptorsStage.ells.name, problem)
        }
    }
}

extension PaperChecks {
    /// Number of upstream tasks one task of `s` reads through `input` (nil when not wired).
    static func inputCount(_ s: StageDefinition, _ input: String, in stages: [StageDefinition]) -> Int? {
        guard let ref = s.inputs[input], let up = stages.first(where: { $0.name == ref.stage }) else { return nil }
        return TaskGraph.inputCount(ref, of: s, from: up)
    }

    /// Configuration indices and feature counts that the regression, imbalance and figures code
    /// would refuse only after everything upstream ran.
    @Sendable static func configurationCounts(_ stages: [StageDefinition]) -> [ManifestIssue] {
        var issues: [ManifestIssue] = []
        for s in stages {
            for (field, input) in [("kept_configuration", "descriptors"), ("map_configuration", "equilibrate")] {
                guard let k = s.parameters[field]?.intValue, let c = inputCount(s, input, in: stages), k >= c else { continue }
                issues.append(ManifestIssue(stage: s.name, field: field, "\(k) out of range: input '\(input)' gives \(c) configuration\(c == 1 ? "" : "s") (0…\(c - 1))"))
            }
            if s.kind == RegressionStage.kind.name, let c = inputCount(s, "descriptors", in: stages), c < 2 {
                issues.append(ManifestIssue(stage: s.name, field: "inputs",
                                            "leave-one-configuration-out needs at least 2 configurations; input 'descriptors' gives \(c)"))
            }
            // 6 descriptors per ℓ: a larger max_d has nothing left to select.
            if let d = s.parameters["max_d"]?.intValue, let ref = s.inputs["descriptors"],
               let up = stages.first(where: { $0.name == ref.stage }), let ells = up.parameters["ells"]?.listValue, d > 6 * ells.count {
                issues.append(ManifestIssue(stage: s.name, field: "max_d",
                                            "\(d) out of range: stage '\(up.name)' computes \(6 * ells.count) features (6 descriptors × \(ells.count) ℓ)"))
            }
        }
        return issues
    }
}

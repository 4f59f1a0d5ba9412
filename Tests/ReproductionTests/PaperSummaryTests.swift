import Foundation
import Pipeline
import Report
import Testing
@testable import Reproduction

/// The paper's numbers as `paper.*` values: computed from the bundled published values by the
/// functions that compute ours, under the same keys, and the only source the manifest names.
@Suite struct PaperSummaryTests {
    static let values: ValueStore = {
        var v = ValueStore()
        v.values = try! PaperSummary().keyedValues
        return v
    }()

    func number(_ key: String) throws -> Double { try #require(Self.values[key]?.doubleValue, "\(key)") }

    /// Mean over d = 10…15 of unsupervised II − random, from the published Fig. 7 means (by hand:
    /// 0.71 − 0.6685, 0.72 − 0.6737, 0.7203 − 0.677, 0.7216 − 0.7046, 0.7218 − 0.7054, 0.7223 − 0.7106).
    /// The manifest said +0.04 before the paper's numbers had one source.
    @Test func unsupervisedMinusRandomByHand() throws {
        let diffs = [0.71 - 0.6685, 0.72 - 0.6737, 0.7203 - 0.677, 0.7216 - 0.7046, 0.7218 - 0.7054, 0.7223 - 0.7106]
        let byHand = diffs.reduce(0, +) / 6
        #expect(abs(byHand - 0.0293667) < 1e-6)
        #expect(abs(try number("paper.prediction.unsupervised_minus_random_d10_15") - byHand) < 1e-12)
    }

    @Test func otherValuesByHand() throws {
        #expect(abs(try number("paper.unsupervised.decades") - log10(0.5799 / 0.001)) < 1e-12)   // Fig. 6 d = 1, 15
        #expect(abs(try number("paper.supervised.noise_rise") - (0.349 - 0.3398)) < 1e-12)        // Fig. 5 noise point − d = 15
        #expect(abs(try number("paper.supervised.drop") - 0.493) < 1e-9)
        #expect(abs(try number("paper.prediction.supervised.d2") - 0.6873) < 1e-12)
        #expect(try number("paper.theta_bar.pearson_peak") == 0.5573 && number("paper.theta_bar.peak_ell") == 2.0)
        #expect(abs(try number("paper.theta.pearson_margin") - (0.5573 - 0.4866)) < 1e-12)       // over ρ̄ at ℓ = 0.5
        #expect(try number("paper.supervised.first_is_theta") == 1 && number("paper.supervised.second_is_rho_or_phi") == 1)
        #expect(abs(try number("paper.unsupervised.overlap_with_supervised_d10") - 0.21) < 1e-12)
        // From the text: Δ(q↔p) and the state point.
        #expect(try number("paper.pq.delta_q_to_p") == 0.21 && number("paper.pq.delta_p_to_q") == 0.26)
        #expect(try number("paper.tau_alpha") == 4e6)
        guard case .text(let best)? = Self.values["paper.best_descriptor"] else { Issue.record("no paper.best_descriptor"); return }
        #expect(best == "Θ̄")
    }

    /// Exactly the declared paper keys are computed: no spreads, no tables, nothing undeclared.
    @Test func paperKeysAreTheDeclaredOnes() {
        let computed = Set(Self.values.values.keys)
        let declared = Set(ReportSummary.keySet.keys.filter { $0.hasPrefix(PaperSummary.prefix) })
        #expect(computed.subtracting(declared).sorted() == [])
        #expect(declared.subtracting(computed).sorted() == [])
        #expect(computed.allSatisfy { !$0.hasSuffix(".sem") } && computed.count > 50)
    }

    @Test(arguments: ["smoke", "ci", "default", "paper"])
    func shippedManifestLoadsAndNamesComputedPaperValues(profile: String) throws {
        let m = try Manifest.load(url: ManifestTests.manifest, profile: profile, registry: PaperStages.registry())
        #expect(!m.expectations.isEmpty)
        for e in m.expectations {
            if let key = e.reference { #expect(Self.values[key] != nil, "\(e.name): \(key)") }
        }
        // One expectation per name, however many profiles deviate.
        #expect(Set(m.expectations.map(\.name)).count == m.expectations.count)
    }

    @Test func mergedExpectationsDeviateUnderDefaultOnly() throws {
        let registry = PaperStages.registry()
        let def = try Manifest.load(url: ManifestTests.manifest, profile: "default", registry: registry)
        let paper = try Manifest.load(url: ManifestTests.manifest, profile: "paper", registry: registry)
        for name in ["theta-best-descriptor", "q-predicts-p", "p-predicts-q", "theta-selected-first"] {
            let d = try #require(def.expectations.first { $0.name == name }), p = try #require(paper.expectations.first { $0.name == name })
            #expect(d.knownDeviation != nil, "\(name)")
            #expect(p.knownDeviation == nil, "\(name)")
            #expect(d.reference != nil && d.reference == p.reference && d.target == p.target)
        }
    }

    /// The manifest quotes no paper number in a description: the paper column shows it.
    @Test func descriptionsQuoteNoPaperNumbers() throws {
        let text = try String(contentsOf: ManifestTests.manifest, encoding: .utf8)
        let quoted = text.components(separatedBy: "\n").filter { $0.hasPrefix("description") && $0.range(of: #"paper[ :]+[≈+]?\s?[0-9]"#, options: .regularExpression) != nil }
        #expect(quoted == [])
    }
}

import Foundation
import Testing
@testable import Reproduction

/// Issue 26 §1: the closed sets of labels (timescales, regression protocols) are enums whose raw
/// values are the strings on disk, so cached artifacts and value keys do not change.
@Suite struct LabelEnumTests {
    /// The raw values are the labels in the cached artifacts, which still decode.
    @Test func labelEnumsKeepTheirStrings() throws {
        #expect(Timescale.allCases.map(\.rawValue) == ["tau_alpha", "t_beta", "given"])
        #expect(RegressionProtocol.allCases.map(\.rawValue) == ["paper", "leakage_free"])
        let outcome = RegressionOutcome(timescale: .tBeta, protocolName: .leakageFree, methods: [], keptConfiguration: 0,
                                        keptPropensity: [], keptPrediction: [], keptSpecies: [])
        let json = String(decoding: try JSONEncoder().encode(outcome), as: UTF8.self)
        #expect(json.contains("\"timescale\":\"t_beta\"") && json.contains("\"protocolName\":\"leakage_free\""))
        let artifact = try JSONDecoder().decode(RegressionArtifact.self, from: Data(
            #"{"maxD": 1, "outcomes": [{"timescale": "t_beta", "protocolName": "leakage_free", "methods": [], "keptConfiguration": 0, "keptPropensity": [], "keptPrediction": [], "keptSpecies": []}]}"#.utf8))
        #expect(artifact.outcome(.tBeta, .leakageFree) != nil && artifact.outcome(.tBeta) == nil)
    }
}

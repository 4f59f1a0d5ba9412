import InformationImbalance
import Testing

/// Issue 24: a selection too large for memory is refused before any allocation (it was a fatal
/// 80 GB allocation, exit 134), and constant features are refused (they were "selected" by how
/// ties are broken: Δ̄ = 0.014 on constant features alone).
@Suite struct SelectionGuardTests {
    /// Two varying columns and one constant column, N = 40.
    func space(constantAt c: Int = 1) throws -> FeatureSpace {
        try FeatureSpace(columns: (0..<3).map { k in (0..<40).map { i in k == c ? 2.5 : Double((i * (7 + k)) % 40) } })
    }

    @Test func theEstimateIsTheAllocationThatCrashed() {
        // The supervised selection over 100 000 rows asked for 80 000 000 000 bytes (X_d's distances);
        // the unsupervised one holds X_full's ranks (4 bytes per pair) besides.
        let supervised = GreedySelection.memoryBytes(points: 100_000, features: 1, supervised: true)
        #expect(supervised >= 8e10 && supervised < 8.01e10)
        let unsupervised = GreedySelection.memoryBytes(points: 100_000, features: 1, supervised: false)
        #expect(unsupervised >= 1.2e11 && unsupervised < 1.201e11)
        #expect { try GreedySelection.checkMemory(points: 100_000, features: 3, supervised: false, limit: 8e9) } throws: { e in
            guard case let InformationImbalanceError.selectionMemory(_, _, _, fitting) = e else { return false }
            return GreedySelection.memoryBytes(points: fitting, features: 3, supervised: false) <= 8e9
                && GreedySelection.memoryBytes(points: fitting + 1, features: 3, supervised: false) > 8e9
        }
    }

    @Test func aSelectionAboveTheLimitIsRefusedBeforeAnyCompute() throws {
        let x = try space(constantAt: -1)
        let needed = GreedySelection.memoryBytes(points: 40, features: 3, supervised: false)
        let small = try GreedySelection(maxD: 2, memoryLimit: needed - 1)
        #expect { try small.unsupervised(features: x) } throws: { e in
            guard case let InformationImbalanceError.selectionMemory(points, bytes, limit, fitting) = e else { return false }
            // The points that fit do fit, one more does not.
            return points == 40 && bytes == needed && limit == needed - 1 && fitting == 39
                && GreedySelection.memoryBytes(points: fitting, features: 3, supervised: false) <= limit
        }
        #expect(throws: Never.self) { try GreedySelection(maxD: 2, memoryLimit: needed).unsupervised(features: x) }
        let message = "\(InformationImbalanceError.selectionMemory(points: 100_000, bytes: 1.2e11, limit: 8e9, fitting: 25_819))"
        #expect(message == "points: a greedy selection over 100000 points needs about 120 GB of memory (N × N distances, and for the "
                + "unsupervised selection the ranks of X_full), above the limit of 8 GB; memory grows as N², so at most 25819 points fit")
    }

    @Test func constantFeaturesAreRefusedByBothSelections() throws {
        let x = try space(constantAt: 1)
        #expect(x.constantFeatures == [1])
        #expect(throws: InformationImbalanceError.constantFeatures(columns: [1], names: nil)) {
            try GreedySelection(maxD: 2).unsupervised(features: x)
        }
        #expect(throws: InformationImbalanceError.constantFeatures(columns: [1], names: nil)) {
            try GreedySelection(maxD: 2, standardize: false).supervised(features: x, target: (0..<40).map(Double.init))
        }
        // All columns constant: what once gave Δ̄ = 0.014.
        let flat = try FeatureSpace(columns: [[Double](repeating: 1, count: 40), [Double](repeating: -3, count: 40)])
        #expect(throws: InformationImbalanceError.constantFeatures(columns: [0, 1], names: nil)) {
            try GreedySelection(maxD: 1).unsupervised(features: flat)
        }
        #expect("\(InformationImbalanceError.constantFeatures(columns: [1], names: ["a", "b(l=0.5)", "c"]))"
                == "columns: 1 (b(l=0.5)) constant (zero variance): a constant feature carries no information, "
                + "and its imbalance would come from how ties are broken alone; leave it out")
        // Constant up to rounding counts (standardizing would make the rounding unit variance);
        // a real spread, however small, does not.
        #expect(try FeatureSpace(columns: [[1, 1, 1.0000000000000002], [0, 0, 0]]).constantFeatures == [0, 1])
        #expect(try FeatureSpace(columns: [[1, 1, 1 + 1e-9], [0, 0, 1e-300]]).constantFeatures.isEmpty)
    }
}

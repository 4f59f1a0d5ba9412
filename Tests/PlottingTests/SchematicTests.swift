import Testing
@testable import Plotting

/// Fig. 3's default points reproduce the ranks quoted in the paper's text.
@Suite struct SchematicTests {
    @Test func defaultRanksMatchThePaper() {
        let r = SchematicData().ranks
        // j, k, l relative to i: r^A = 1, 2, 3 and r^B = 3, 1, 2.
        #expect(r.a == [1, 2, 3])
        #expect(r.b == [3, 1, 2])
    }

    @Test func ranksFollowDistances() {
        let r = SchematicData(names: ["i", "a", "b", "c"], a: [0, 3, -1, 2], b: [0, 0.1, 0.3, -0.2]).ranks
        #expect(r.a == [3, 1, 2])
        #expect(r.b == [1, 3, 2])
    }
}

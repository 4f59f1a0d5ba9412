import Foundation
import Testing
import Regression

@Suite struct SelectionMethodTests {
    /// regression.json keeps its method names (cached artifacts stay readable) and rejects typos.
    @Test func codedByItsStableName() throws {
        let json = try JSONEncoder().encode(SelectionMethod.allCases)
        #expect(String(decoding: json, as: UTF8.self) == #"["supervised_ii","unsupervised_ii","lasso","random"]"#)
        #expect(try JSONDecoder().decode([SelectionMethod].self, from: json) == SelectionMethod.allCases)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([SelectionMethod].self, from: Data(#"["supervised"]"#.utf8)) }
    }
}

import Testing
@testable import Pipeline
@testable import Report

@Suite struct ReportReferencesTests {
    @Test func valuesTablesAndChecksAreFoundWithTheirLinesOutsideCode() {
        let source = """
        # T
        ρ = {{value theta.peak format="%.2f" sem}} {{check theta-peak}}
        ```
        {{value inside.code}}
        ```
        {{only default}}
        {{table table.series}} and {{figure fig01 "x"}} {{profile}}
        {{end only}}
        """
        let refs = ReportRenderer.references(in: source)
        #expect(refs == [
            ReportReference(kind: .value, name: "theta.peak", line: 2),
            ReportReference(kind: .value, name: "theta.peak.sem", line: 2),
            ReportReference(kind: .check, name: "theta-peak", line: 2),
            ReportReference(kind: .table, name: "table.series", line: 7),
        ])
    }
}

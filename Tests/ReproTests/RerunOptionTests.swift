import ArgumentParser
import Foundation
import Testing
@testable import repro

/// `repro report --rerun STAGE` names a stage of the selected profile, or is refused before anything runs.
@Suite struct RerunOptionTests {
    func message(_ arguments: [String]) -> String? {
        do { _ = try ReportCommand.parse(arguments); return nil } catch { return ReportCommand.message(for: error) }
    }

    @Test func rerunNamesAStageOfTheManifest() {
        #expect(message(["--profile", "smoke", "--rerun", "equilibrate"]) == nil)
        #expect(message(["--profile", "smoke", "--rerun", "equilibrate", "--rerun", "figures"]) == nil)
        let unknown = message(["--profile", "smoke", "--rerun", "equilibrat"])
        #expect(unknown?.hasPrefix("--rerun 'equilibrat': no stage of that name in profile smoke of report/manifest.toml; stages: ") == true)
        #expect(unknown?.contains(" equilibrate, ") == true)
        #expect(message(["--rerun", "../x"])?.hasPrefix("--rerun '../x': a stage name is [A-Za-z0-9_-]+") == true)
    }
}

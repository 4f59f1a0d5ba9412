import ArgumentParser
import Foundation
import Reproduction

struct PublishBaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish-baseline",
        abstract: "Publish a profile's report build as its baseline in report/published/<profile>/.",
        discussion: """
        Copies values.json and expectations.json of report/build/<profile>/ and writes provenance.json (version, \
        commit, date, cores and CPU model, each task's time from the cache). Commit the directory with a message \
        saying why the baseline moved: `make report` then diffs every build of the profile against it. Exits 2, \
        writing nothing, when the build is missing, of another profile, or its tasks are not all cached.
        """)
    @OptionGroup var options: StudyOptions

    func run() throws {
        do {
            let url = try options.study().publishBaseline()
            print("published report/build/\(options.profile)/ as \(url.path)/ (values.json, expectations.json, provenance.json)")
        } catch { throw fail(error) }
    }
}

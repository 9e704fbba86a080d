// `make bench`: builds a whole docset with Diglot and compares its time with one plain cmark-gfm
// parse-and-render pass over the same bytes (same extensions, in memory, one core), measured in the
// same run, runs interleaved, medians reported. The last line is the ratio `make bench` is judged by.
import Diglot
import Foundation

let arguments = CommandLine.arguments.dropFirst()
let content = URL(fileURLWithPath: arguments.first ?? "../shared/corpora/partner-center-pr.es-es")
let templates = URL(fileURLWithPath: arguments.dropFirst().first ?? "Templates")
let runs = max(1, Int(ProcessInfo.processInfo.environment["BENCH_RUNS"] ?? "") ?? 7)

guard FileManager.default.fileExists(atPath: content.path) else {
    print("bench: \(content.path) is not there (the corpus lives in ../shared/corpora); nothing to measure")
    exit(2)
}

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
func seconds(since start: UInt64) -> Double { Double(now() - start) / 1e9 }
func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s[s.count / 2] }

let paths = try ContentLoader.markdownPaths(in: content)
let sources: [SourceFile] = paths.compactMap { try? ContentLoader.read($0, in: content).get() }
let bytes = sources.reduce(0) { $0 + $1.bytes.count }
let templateSet = try TemplateSet.load(from: templates)

if ProcessInfo.processInfo.environment["BENCH_PROFILE"] != nil {
    // One build (into a scratch folder) and one baseline pass, for callgrind and perf.
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("diglot-profile-\(ProcessInfo.processInfo.processIdentifier)")
    defer { try? FileManager.default.removeItem(at: scratch) }
    print(try SiteBuilder.build(BuildOptions(content: content, output: scratch, templates: templates)).files.count)
    if ProcessInfo.processInfo.environment["BENCH_PROFILE"] == "rebuild" {
        var again = BuildOptions(content: content, output: scratch, templates: templates)
        again.useCache = false
        for _ in 0..<5 { print(try SiteBuilder.build(again).files.count) }
    }
    print(sources.reduce(0) { $0 + CmarkBaseline.render($1.bytes) })
    exit(0)
}

let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("diglot-bench-\(ProcessInfo.processInfo.processIdentifier)")
defer { try? FileManager.default.removeItem(at: scratch) }
let existing = scratch.appendingPathComponent("rebuild")
let fresh = scratch.appendingPathComponent("clean")
var sink = 0
_ = try SiteBuilder.build(BuildOptions(content: content, output: existing, templates: templates))

// Each run measures the baseline and the three builds back to back; a ratio is taken within a run,
// where the machine's load is most alike, and the median of the runs' ratios is reported.
var baseline: [Double] = [], inMemory: [Double] = [], rebuild: [Double] = [], unchanged: [Double] = [], clean: [Double] = []
for _ in 0..<runs {
    var t = now()
    for source in sources { sink &+= CmarkBaseline.render(source.bytes) }
    baseline.append(seconds(since: t))

    t = now()
    sink &+= SiteBuilder.render(sources, templates: templateSet).files.count
    inMemory.append(seconds(since: t))

    // A real rebuild: the build cache would otherwise find nothing changed and do nothing.
    var again = BuildOptions(content: content, output: existing, templates: templates)
    again.useCache = false
    t = now()
    sink &+= try SiteBuilder.build(again).files.count
    rebuild.append(seconds(since: t))

    t = now()
    sink &+= try SiteBuilder.build(BuildOptions(content: content, output: existing, templates: templates)).fileCount
    unchanged.append(seconds(since: t))

    try? FileManager.default.removeItem(at: fresh)
    t = now()
    sink &+= try SiteBuilder.build(BuildOptions(content: content, output: fresh, templates: templates)).files.count
    clean.append(seconds(since: t))
}

let mb = Double(bytes) / 1_000_000
let pages = Double(sources.count)
let baselineTimes = baseline
func ratios(_ times: [Double]) -> Double { median(zip(times, baselineTimes).map { $0 / $1 }) }
func line(_ label: String, _ times: [Double]) -> String {
    let t = median(times)
    return String(format: "%-62@ %6.3f s %8.1f pages/s %6.1f MB/s  x%.2f", label as NSString, t, pages / t, mb / t, ratios(times))
}
print("corpus: \(sources.count) pages, \(String(format: "%.2f", mb)) MB of markdown, \(ProcessInfo.processInfo.activeProcessorCount) cores; \(runs) interleaved runs, medians (check \(sink % 7))")
print(line("cmark-gfm parse+render, in memory, 1 core (baseline)", baseline))
print(line("diglot: parse + 3 views + start page, in memory", inMemory))
print(line("diglot build: read, parse, render, write into last output", rebuild))
print(line("diglot build: the same into an empty folder (creates files)", clean))
print(line("diglot build: nothing changed since the last build (cache)", unchanged))
print(String(format: "ratio %.2f", ratios(rebuild)))

import ArgumentParser
import Diglot
import DiglotDefaults
import Foundation

/// `diglot init [DIR]`: a docset that builds at once.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a small docset to start from: docfx.json, TOC.yml, a translated sample page, invitations.yml, diglot.yml and a .gitignore.",
        discussion: "Nothing is written when any of these files is in the folder already. Then build it with the command it prints.")

    @Argument(help: ArgumentHelp("The docset's folder (made when missing).", valueName: "dir"))
    var folder: String = "."

    func run() throws {
        let url = URL(fileURLWithPath: folder)
        do {
            try DocsetScaffold.write(DocsetScaffold.files.mapValues { Array($0.utf8) }, into: url,
                                     advice: "init writes only into a folder without them")
        } catch {
            throw stop(error, 2)
        }
        let output = folder == "." ? DocsetScaffold.outputFolder : (folder as NSString).appendingPathComponent(DocsetScaffold.outputFolder)
        print("Created a docset in \(folder): \(DocsetScaffold.files.keys.sorted().joined(separator: ", ")).")
        print("Build it with:")
        print("  diglot build --content \(Self.quoted(folder)) --output \(Self.quoted(output))")
    }

    /// A path as a shell reads it back: as it is when it is made of safe characters, else in single quotes.
    static func quoted(_ path: String) -> String {
        let safe = path.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/._-+,:@%".contains($0)) }
        return safe && !path.isEmpty ? path : "'" + path.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}

/// `diglot templates export DIR`: the built-in templates, to edit.
struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "Work with the built-in templates.",
        subcommands: [Export.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the built-in templates, strings and assets into a folder, to edit.",
            discussion: """
                A file of <content>/Templates, or of the folder given to --templates, wins over the built-in one \
                of the same path; keep only the files you change. Nothing is written when any file is there \
                already, unless --force.
                """)

        @Argument(help: ArgumentHelp("The folder to write into (made when missing).", valueName: "dir"))
        var folder: String

        @Flag(name: .long, help: "Replace files that are there already.")
        var force = false

        func run() throws {
            do {
                try DocsetScaffold.write(BuiltinTemplates.files, into: URL(fileURLWithPath: folder), force: force,
                                         advice: "--force replaces them")
            } catch {
                throw stop(error, 2)
            }
            print("Wrote \(BuiltinTemplates.files.count) files of the built-in templates into \(folder).")
        }
    }
}

import Foundation

/// The words of the translation's language, from the word list the machine has for it: Debian's
/// `wfrench`, `wngerman`, `wspanish` and the like (`/usr/share/dict/french`, one word a line), found
/// through the registrations of Debian's dictionaries-common (`/var/lib/dictionaries-common/wordlist`,
/// whose `Language:` names the language in English, as CLDR does). A unit left as its source that is
/// one word of the translation's language (French `Description`, `Type`, `Date`; German `Name`,
/// `Option`) is not untranslated (DG701): the word is the translation's too.
///
/// Without such a list (none installed, or none for the language, such as Korean), nothing changes:
/// such units are reported as before. The list is read once, when a unit first needs it.
final class TargetWords: @unchecked Sendable {
    let path: String
    private let lock = NSLock()
    /// The hash of each word (as a `Substring` of the list's text, then dropped): a fraction of the
    /// memory the words would take (a German list has 356,000); a word not in the list has one of
    /// their hashes once in some 5 × 10¹³ lookups (2⁶⁴ / 356,000).
    private var words: Set<Int>?

    init(path: String) {
        self.path = path
    }

    /// Whether a unit's text (whitespace-separated words, do-not-translate terms and addresses taken
    /// out) is one word of the language, with only numbers and marks around it (`Description`,
    /// `10 points`, `Problem:`). A word written with a capital first letter also counts when the list
    /// has it in lower case (a heading or a table cell starts with a capital). Sentences of several
    /// words are left to the check: English phrases can be made of words that are also French (`User
    /// Management`), and product names are for the do-not-translate list.
    func covers(_ text: [Substring]) -> Bool {
        let runs = text.flatMap { $0.split { !$0.isLetter } }
        guard runs.count == 1, let word = runs.first, word.count >= 2 else { return false }
        let words = loaded()
        if words.contains(word.hashValue) { return true }
        let rest = word.dropFirst()
        return word.first!.isUppercase && rest.allSatisfy(\.isLowercase) && words.contains(Substring(word.lowercased()).hashValue)
    }

    private func loaded() -> Set<Int> {
        lock.lock()
        defer { lock.unlock() }
        if let words { return words }
        let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        let list = Set(text.utf8.split(separator: UInt8(ascii: "\n")).map { Substring($0).hashValue })
        words = list
        return list
    }

    /// Where the word lists of languages are registered.
    struct Registry: Sendable {
        /// The folder of registrations (`Language:` and `Hash-Name:` lines), and the folder of the lists.
        var registrations: String
        var lists: String

        static let debian = Registry(registrations: "/var/lib/dictionaries-common/wordlist", lists: "/usr/share/dict")
        static let none = Registry(registrations: "", lists: "")

        /// The word list of the locale's language: the registration whose `Language:` ends with the
        /// language's English name in brackets (`francais (French)`, `deutsch (New German)`), in the
        /// registrations' order by file name; nil when there is none.
        func list(for locale: Locale) -> TargetWords? {
            guard !registrations.isEmpty, let code = locale.language.languageCode?.identifier,
                  let name = Locale(identifier: "en").localizedString(forLanguageCode: code)?.lowercased(),
                  let files = try? FileManager.default.contentsOfDirectory(atPath: registrations) else { return nil }
            for file in files.sorted() {
                guard let data = FileManager.default.contents(atPath: registrations + "/" + file) else { continue }
                var language = "", hash = ""
                for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                    if line.hasPrefix("Language:") { language = String(line.dropFirst(9)) }
                    if line.hasPrefix("Hash-Name:") { hash = line.dropFirst(10).trimmingCharacters(in: .whitespaces) }
                }
                guard let open = language.lastIndex(of: "("), let close = language.lastIndex(of: ")"), open < close,
                      language[language.index(after: open)..<close].lowercased().split(separator: " ").last.map(String.init) == name,
                      !hash.isEmpty, !hash.contains("/") else { continue }
                let path = lists + "/" + hash
                if FileManager.default.fileExists(atPath: path) { return TargetWords(path: path) }
            }
            return nil
        }
    }
}

import Foundation
#if canImport(_FoundationICU)
import _FoundationICU
#endif

/// Left-to-right runs inside right-to-left text, isolated so the Unicode Bidirectional Algorithm
/// (UAX #9) cannot reorder their punctuation: in an Arabic or Hebrew paragraph a neutral character at
/// the edge of a Latin word takes the paragraph's direction (rules N1–N2), so "C++" reads "++C",
/// ".NET" reads "NET." and "Node.js 18" can swap its parts. HTML's `<bdi>` (WHATWG HTML §4.5.24,
/// `dir=auto`: the direction of its first strong character) keeps such a run in its own order, as
/// the W3C's "Inline markup and bidirectional text in HTML" recommends for embedded opposite-direction
/// words.
package enum Bidi {
    /// The strong direction of a character, from its Bidi_Class in the Unicode Character Database
    /// (UAX #9 table 4), read from the ICU that Foundation ships; without that ICU (Apple platforms),
    /// Latin letters and the right-to-left blocks stand in.
    enum Strength { case leftToRight, rightToLeft, europeanNumber, neutral }

    static func strength(_ scalar: Unicode.Scalar) -> Strength {
        if scalar.value < 0x80 {
            if (scalar.value | 0x20) >= 0x61 && (scalar.value | 0x20) <= 0x7A { return .leftToRight }
            return scalar.value >= 0x30 && scalar.value <= 0x39 ? .europeanNumber : .neutral
        }
        #if canImport(_FoundationICU)
        switch swift_u_charDirection(UChar32(scalar.value)) {
        case U_LEFT_TO_RIGHT: return .leftToRight
        case U_RIGHT_TO_LEFT, U_RIGHT_TO_LEFT_ARABIC: return .rightToLeft
        case U_EUROPEAN_NUMBER: return .europeanNumber
        default: return .neutral
        }
        #else
        if (0x0590...0x08FF).contains(scalar.value) || (0xFB1D...0xFEFF).contains(scalar.value) { return .rightToLeft }
        return scalar.properties.isAlphabetic ? .leftToRight : .neutral
        #endif
    }

    /// The runs of a right-to-left text to isolate, as ranges of its unicode scalars. A run is made of
    /// whitespace-separated words with no right-to-left character: it starts at a word with a
    /// left-to-right letter, takes in the words of numbers and punctuation between such words (rule
    /// N1 makes them left to right there), and the words of numbers right after (rule W7); a run
    /// leaves out the opening punctuation before it and the closing punctuation after it (`(`, `"`,
    /// `.`, `,`, `:`, `؟`…), which belong to the sentence around it. Punctuation inside a word stays
    /// with it (".NET", "C++", "C#", "Node.js"). Empty when the text has no left-to-right letter.
    package static func leftToRightRuns(in text: String) -> [Range<String.Index>] {
        let scalars = text.unicodeScalars
        guard scalars.contains(where: { strength($0) == .leftToRight }) else { return [] }
        var runs: [Range<String.Index>] = []
        // The run being read: where it starts, and where it ends with the words of numbers right after
        // its last word with a letter (`numbersFollow` until a word of punctuation breaks them).
        var run: (start: String.Index, end: String.Index, numbersFollow: Bool)?
        func closeRun() {
            guard let open = run else { return }
            var end = open.end
            while end > open.start, isClosing(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
            if open.start < end { runs.append(open.start ..< end) }
            run = nil
        }
        var index = scalars.startIndex
        while index < scalars.endIndex {
            if scalars[index].properties.isWhitespace { index = scalars.index(after: index); continue }
            var wordEnd = index
            var leftToRight = false, rightToLeft = false, number = false
            while wordEnd < scalars.endIndex, !scalars[wordEnd].properties.isWhitespace {
                switch strength(scalars[wordEnd]) {
                case .leftToRight: leftToRight = true
                case .rightToLeft: rightToLeft = true
                case .europeanNumber: number = true
                case .neutral: break
                }
                wordEnd = scalars.index(after: wordEnd)
            }
            if rightToLeft {
                closeRun()
            } else if leftToRight {
                if run == nil {
                    var start = index
                    while isOpening(scalars[start]) { start = scalars.index(after: start) }
                    run = (start, wordEnd, true)
                } else {
                    run!.end = wordEnd
                    run!.numbersFollow = true
                }
            } else if run != nil {
                if number && run!.numbersFollow { run!.end = wordEnd } else { run!.numbersFollow = false }
            }
            index = wordEnd
        }
        closeRun()
        return runs
    }
    private static func isOpening(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .openPunctuation, .initialPunctuation: return true
        default: return scalar == "\"" || scalar == "'"
        }
    }

    private static func isClosing(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .closePunctuation, .finalPunctuation: return true
        default: return ".,:;!?\"'\u{060C}\u{061B}\u{061F}\u{06D4}".unicodeScalars.contains(scalar)
        }
    }
}

import Foundation

/// `diglot init`: the files of a small docset a user builds at once (`docfx.json`, `TOC.yml`, one
/// translated page, `invitations.yml`, `diglot.yml`, a `.gitignore` for the output), and the writing
/// of a set of files into a folder that refuses to overwrite (`init`, `templates export`).
public enum DocsetScaffold {
    /// The output folder the scaffold's `.gitignore` leaves out and its next command builds into
    /// (inside the docset, as DocFX's `_site`; a build never reads its own output as content).
    public static let outputFolder = "_site"

    /// The sample page's file name.
    public static let page = "invite-a-customer.md"

    /// The scaffold's files, text by path.
    public static let files: [String: String] = [
        "docfx.json": """
            {
              "build": {
                "content": [
                  {
                    "files": ["**/*.md"],
                    "exclude": ["_site/**", "Templates/**", "**/includes/**", "README.md"]
                  }
                ],
                "resource": [
                  {
                    "files": ["**/*.png", "**/*.jpg", "**/*.svg"],
                    "exclude": ["_site/**"]
                  }
                ],
                "globalMetadata": {
                  "bilingual_type": "hover over",
                  "titleSuffix": "Contoso Docs"
                }
              }
            }

            """,
        "TOC.yml": """
            - name: Documentación de Contoso
              items:
                - name: Invitar a un cliente
                  href: \(page)

            """,
        page: """
            ---
            title: Invitar a un cliente a una relación de revendedor
            description: Cómo invitar a un cliente a una relación de revendedor y dónde la acepta el cliente.
            ms.topic: how-to
            ms.date: 01/15/2024
            ms.translationtype: MT
            ms.contentlocale: es-ES
            ---
            # <a name="invite-a-customer"></a><span data-ttu-id="5a1c0-101">Invitar a un cliente a una relación de revendedor</span><span class="sxs-lookup"><span data-stu-id="5a1c0-101">Invite a customer to a reseller relationship</span></span>

            <span data-ttu-id="5a1c0-102">Esta página es un ejemplo: cada frase es una unidad de traducción, con la traducción automática y su original en inglés.</span><span class="sxs-lookup"><span data-stu-id="5a1c0-102">This page is a sample: every sentence is a translation unit, with the machine translation and its English original.</span></span> <span data-ttu-id="5a1c0-103">Sustitúyala por sus propias páginas.</span><span class="sxs-lookup"><span data-stu-id="5a1c0-103">Replace it with your own pages.</span></span>

            ## <a name="send-the-invitation"></a><span data-ttu-id="5a1c0-104">Enviar la invitación</span><span class="sxs-lookup"><span data-stu-id="5a1c0-104">Send the invitation</span></span>

            1. <span data-ttu-id="5a1c0-105">Abra la lista de **clientes**.</span><span class="sxs-lookup"><span data-stu-id="5a1c0-105">Open the **Customers** list.</span></span>
            2. <span data-ttu-id="5a1c0-106">Seleccione **Solicitar una relación de revendedor** y copie el mensaje.</span><span class="sxs-lookup"><span data-stu-id="5a1c0-106">Select **Request a reseller relationship** and copy the message.</span></span>
            3. <span data-ttu-id="5a1c0-107">Envíe el mensaje a su cliente.</span><span class="sxs-lookup"><span data-stu-id="5a1c0-107">Send the message to your customer.</span></span>

            > [!NOTE]
            > <span data-ttu-id="5a1c0-108">El vínculo del mensaje es personal: no lo cambie.</span><span class="sxs-lookup"><span data-stu-id="5a1c0-108">The link in the message is personal: do not change it.</span></span>

            ## <a name="where-the-customer-accepts"></a><span data-ttu-id="5a1c0-109">Dónde acepta el cliente</span><span class="sxs-lookup"><span data-stu-id="5a1c0-109">Where the customer accepts</span></span>

            | <span data-ttu-id="5a1c0-110">Tipo de nube</span><span class="sxs-lookup"><span data-stu-id="5a1c0-110">Cloud type</span></span> | <span data-ttu-id="5a1c0-111">Portal en el que el cliente acepta la invitación</span><span class="sxs-lookup"><span data-stu-id="5a1c0-111">Portal where the customer accepts the invitation</span></span> |
            |---------|---------|
            | <span data-ttu-id="5a1c0-112">Clientes en la nube pública</span><span class="sxs-lookup"><span data-stu-id="5a1c0-112">Customers in Public Cloud</span></span> | <span data-ttu-id="5a1c0-113">Centro de administración de Microsoft 365</span><span class="sxs-lookup"><span data-stu-id="5a1c0-113">Microsoft 365 Admin Center</span></span> |

            """,
        "invitations.yml": """
            # Invitation email drafts (README, "Invitation email drafts"): `diglot build` writes them into
            # the site's mail/, `diglot mail` renders one. The clouds' names and portals come from the
            # cloud-types table of `page`; `row` is text of that table's first column in English.
            page: \(page)
            clouds:
              - id: public
                row: Public Cloud
                invitationURL: "https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId={partnerId}&msppId={msppId}&DAP={dap}#/BillingAccounts/partner-invitation"
                allowsNoDAP: true

            """,
        "diglot.yml": """
            # Settings of `diglot check` and of the QA report (`diglot build --qa-report`).
            qa:
              # Terms left in English on purpose: a unit that is only these is not reported as untranslated.
              doNotTranslate:
                - Microsoft 365
              # Each check's severity, by code or name: error, warning or off.
              severity:
                untranslated: warning

            """,
        ".gitignore": """
            # The site `diglot build --output \(outputFolder)` writes.
            /\(outputFolder)/

            """,
    ]

    /// The paths of `files` that are there already in `folder` (a link, even one that leads nowhere,
    /// counts); none when `force`.
    public static func conflicts(_ files: [String], in folder: URL, force: Bool) -> [String] {
        guard !force else { return [] }
        return files.sorted().filter { path in
            var info = stat()
            return lstat(folder.appendingPathComponent(path).path, &info) == 0
        }
    }

    /// Writes `files` (bytes by path) into `folder`, making the folders they need. Nothing is
    /// written when any is there already, unless `force` (then they are replaced): throws
    /// `DiglotError.wouldOverwrite` naming them, with `advice`.
    public static func write(_ files: [String: [UInt8]], into folder: URL, force: Bool = false, advice: String = "") throws {
        // A folder on a file's way that is a link (or not a folder) could lead the write out of `folder`:
        // refused before anything is written, with or without `force`.
        for path in files.keys.sorted() {
            var components = path.split(separator: "/").dropLast()
            var walked = folder
            while let next = components.first {
                components = components.dropFirst()
                walked = walked.appendingPathComponent(String(next))
                var info = stat()
                guard lstat(walked.path, &info) == 0 else { break }  // not there yet: made below, as a folder
                if (info.st_mode & S_IFMT) != S_IFDIR {
                    throw DiglotError.unwritableFile(folder.appendingPathComponent(path).path,
                                                     "\(walked.path) is a \((info.st_mode & S_IFMT) == S_IFLNK ? "symbolic link" : "file"), not a folder; nothing was written")
                }
            }
        }
        let existing = conflicts(Array(files.keys), in: folder, force: force)
        guard existing.isEmpty else { throw DiglotError.wouldOverwrite(folder.path, existing, advice) }
        for path in files.keys.sorted() {
            let url = folder.appendingPathComponent(path)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(files[path]!).write(to: url, options: .atomic)
            } catch {
                throw DiglotError.unwritableFile(url.path, error.localizedDescription)
            }
        }
    }
}

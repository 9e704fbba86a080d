// The modules below Diglot (README, "Architecture"): the model and diagnostics (DiglotModel), the
// content folder's reader (DiglotContent), the parse stage (DiglotParse), the templates
// (DiglotTemplates), the invitation drafts (DiglotMail) and the writer (DiglotPublish);
// `import Diglot` brings them too.
@_exported import DiglotModel
@_exported import DiglotContent
@_exported import DiglotParse
@_exported import DiglotTemplates
@_exported import DiglotMail
@_exported import DiglotPublish

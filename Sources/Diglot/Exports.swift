// The model and diagnostics live in their own module (DiglotModel), the parse stage in DiglotParse,
// the writer in DiglotPublish; `import Diglot` brings them too.
@_exported import DiglotModel
@_exported import DiglotContent
@_exported import DiglotParse
@_exported import DiglotTemplates
@_exported import DiglotMail
@_exported import DiglotPublish

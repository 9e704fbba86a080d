// The model and diagnostics live in their own module (DiglotModel); `import Diglot` brings them too.
@_exported import DiglotModel

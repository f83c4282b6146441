/**
 * Reading Go 1.19 link inputs: package archives ({@link dev.golink.goobj.GoArchive}),
 * the text header of an archived object ({@link dev.golink.goobj.PackageObject}) and
 * the binary object format of cmd/internal/goobj ({@link dev.golink.goobj.GoObject}),
 * all as lazy views of read-only mapped files.
 */
package dev.golink.goobj;

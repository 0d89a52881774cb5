"""The one guarded way in: every byte that comes from outside is read here, within one budget.

A form file, stdin, a PDF's embedded files, a DOCX's parts, a filled blank's cells, a case
folder's files, key and password files: whoever made them may have made them to hurt. Each is
read within the limits of :mod:`asendusdoc.read.budget`, nothing in it is run, and every
refusal is an :class:`~asendusdoc.errors.InputError` (exit 2) with its own code::

    files      a file or stream → its bytes, cut at a limit never taken on trust
    dispatch   bytes → a form's data: JSON, a rendered PDF or DOCX, a filled blank
      ├─ parse      JSON text → a form's object (size, nesting, numbers, form id)
      ├─ pdf        a PDF's associated data files → the forms it carries
      ├─ docx       a DOCX's custom XML part → the form it carries
      │   └─ packages   zip and XML: members, sizes, no macros, no DTDs
      └─ envelope   the embedded envelope → its form
    loading    any form source → a form model or its problems (the public functions)
    kinds      what received bytes are (a CDOC envelope, a signed container), by their first bytes
    asice      a signed container's zip → its files, manifest and signatures (unverified)

The package imports only downwards (forms, reference, problems, errors); a reader of a higher
package (the filled blank in :mod:`asendusdoc.blank`) registers with
:func:`~asendusdoc.read.dispatch.register_blank_reader` and gets its bytes and parsed XML from
here.
"""

"""Digitally signed decisions (ký số, NĐ 30/2020 Phụ lục I), kept apart from the decision's wording.

- ``pki``       trust roots, validation context, the agency's key (PKCS#12), name matching;
- ``pdf``       the issued PDF with its empty signature field, the validation report, the agency signature;
- ``services``  the document of record, the office's uploads (signed file or scan), the agency signature;
- ``tasks``     the agency signature in a Celery worker;
- ``views``, ``forms``, ``rules``, ``exporting``, ``workbook``: the pages, the export and the register.
"""

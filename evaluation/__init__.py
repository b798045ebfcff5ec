"""Measuring answers against a QA file, kept outside the product.

The rules are those the project is judged by (the development set's scorer): figures matched
after unit normalisation at the answer's stated precision, evidence hit in cited passages,
refusal for unanswerable items, a flagged disagreement for traps, a section or evidence hit for
locate items, and money in answers that no cited passage supports. Nothing here imports the
product's number parsing: a scorer that shared it would share its mistakes.
"""

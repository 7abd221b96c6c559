# Diagnostics the editor's form shows, in plain words (owned by the editor's server side).
# Each message has the same arguments as the English text of `vestis check` it replaces.
diag-date = “{ $name }” needs a date like 2013-06-15; { $found } is not one
diag-datetime = “{ $name }” needs a date and time like 2013-06-15 18:30; { $found } is not one
diag-date-order = “{ $name }” is { $shown }: write dates as year-month-day
diag-date-month = “{ $name }” is { $shown }, but there is no month { $month }: the month comes second and is 01 to 12
diag-date-day = “{ $name }” is { $shown }, but that month has only { $days } days
diag-url = “{ $name }” needs a full web address starting with https://; { $found } is not one
diag-enum = “{ $name }” must be one of { $values }; { $found } is not
diag-ref = “{ $name }” must name a record of “{ $to }”; { $found } is not one
diag-ref-missing = “{ $name }” refers to { $id }, which is not a record of “{ $to }”
diag-required = “{ $name }” is required and is empty
diag-missing = “{ $name }” is required and missing
diag-min = “{ $name }” is { $n }, less than the smallest allowed value { $min }
diag-max = “{ $name }” is { $n }, more than the largest allowed value { $max }
diag-type = “{ $name }” needs { $expected }; { $found } is not
diag-placeholder = “{ $name }” still has the placeholder { $value }: write the real text

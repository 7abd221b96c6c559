site-tagline = Слоган
count = { $n ->
    [one] { $n } запись
   *[other] { $n } записей
}

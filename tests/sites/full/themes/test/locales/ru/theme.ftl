participants = { $count ->
    [one] { $count } участник
    [few] { $count } участника
    [many] { $count } участников
   *[other] { $count } участника
}
greeting = Привет от темы
records-total = Всего: { $count }

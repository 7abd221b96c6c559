participants = { $count ->
    [zero] { $count } dalībnieku
    [one] { $count } dalībnieks
   *[other] { $count } dalībnieki
}
greeting = Sveiki no tēmas
records-total = Kopā: { $count }

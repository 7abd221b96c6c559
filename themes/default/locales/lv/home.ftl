# The home page (Latvian). The totals are computed from the records; each label is chosen by
# the number shown before it.

home-totals = Projekts skaitļos
home-facts = Projekta fakti
home-latest-press = Jaunākās preses relīzes
home-all-press = Visas preses relīzes
home-latest-events = Jaunākie pasākumi
home-all-events = Visi pasākumi

home-shows =
    { $count ->
        [zero] interaktīvu šovu
        [one] interaktīvs šovs
       *[other] interaktīvi šovi
    }
home-participants =
    { $count ->
        [zero] šovu dalībnieku
        [one] šovu dalībnieks
       *[other] šovu dalībnieki
    }
home-minorities =
    { $count ->
        [zero] mazākumtautību pārstāvju
        [one] mazākumtautību pārstāvis
       *[other] mazākumtautību pārstāvji
    }
home-plays =
    { $count ->
        [zero] izrāžu latviešu valodā
        [one] izrāde latviešu valodā
       *[other] izrādes latviešu valodā
    }
home-lessons =
    { $count ->
        [zero] latviešu valodas nodarbību
        [one] latviešu valodas nodarbība
       *[other] latviešu valodas nodarbības
    }
home-trainings =
    { $count ->
        [zero] apmācību NVO vadītājiem
        [one] apmācība NVO vadītājiem
       *[other] apmācības NVO vadītājiem
    }
home-volunteers =
    { $count ->
        [zero] brīvprātīgo
        [one] brīvprātīgais
       *[other] brīvprātīgie
    }
home-broadcasts =
    { $count ->
        [zero] TV raidījumu
        [one] TV raidījums
       *[other] TV raidījumi
    }
home-publications =
    { $count ->
        [zero] publikāciju laikrakstos
        [one] publikācija laikrakstos
       *[other] publikācijas laikrakstos
    }
home-press =
    { $count ->
        [zero] preses relīžu
        [one] preses relīze
       *[other] preses relīzes
    }
home-postcards =
    { $count ->
        [zero] informatīvu pastkaršu
        [one] informatīva pastkarte
       *[other] informatīvas pastkartes
    }

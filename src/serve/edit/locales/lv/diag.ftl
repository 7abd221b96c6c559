# Kļūdu ziņojumi redaktora veidlapā (redaktora servera daļa).
diag-date = Laukā “{ $name }” jābūt datumam, piemēram, 2013-06-15; { $found } nav datums
diag-datetime = Laukā “{ $name }” jābūt datumam un laikam, piemēram, 2013-06-15 18:30; { $found } tāds nav
diag-date-order = Laukā “{ $name }” ir { $shown }: datumu raksta kā gads-mēnesis-diena
diag-date-month = Laukā “{ $name }” ir { $shown }, bet mēneša { $month } nav: mēnesis ir otrais un ir no 01 līdz 12
diag-date-day = Laukā “{ $name }” ir { $shown }, bet šajā mēnesī ir tikai { $days } dienas
diag-url = Laukā “{ $name }” jābūt pilnai tīmekļa adresei, kas sākas ar https://; { $found } tāda nav
diag-enum = Laukā “{ $name }” jābūt vienai no vērtībām { $values }; { $found } nav no tām
diag-ref = Laukā “{ $name }” jānorāda ieraksts no “{ $to }”; { $found } tāds nav
diag-ref-missing = Lauks “{ $name }” norāda uz { $id }, bet tāda ieraksta “{ $to }” nav
diag-required = Lauks “{ $name }” ir obligāts, bet tukšs
diag-missing = Lauks “{ $name }” ir obligāts, bet tā nav
diag-min = Laukā “{ $name }” ir { $n }, mazāk par mazāko atļauto vērtību { $min }
diag-max = Laukā “{ $name }” ir { $n }, vairāk par lielāko atļauto vērtību { $max }
diag-type = Laukā “{ $name }” jābūt: { $expected }; { $found } neder
diag-placeholder = Laukā “{ $name }” joprojām ir aizvietotājs { $value }: ierakstiet īsto tekstu

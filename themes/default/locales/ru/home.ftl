# The home page (Russian). The totals are computed from the records; each label is chosen by
# the number shown before it.

home-totals = Проект в цифрах
home-facts = Факты о проекте
home-latest-press = Последние пресс-релизы
home-all-press = Все пресс-релизы
home-latest-events = Последние мероприятия
home-all-events = Все мероприятия

home-shows =
    { $count ->
        [one] интерактивное шоу
        [few] интерактивных шоу
        [many] интерактивных шоу
       *[other] интерактивного шоу
    }
home-participants =
    { $count ->
        [one] участник шоу
        [few] участника шоу
        [many] участников шоу
       *[other] участника шоу
    }
home-minorities =
    { $count ->
        [one] представитель нацменьшинств
        [few] представителя нацменьшинств
        [many] представителей нацменьшинств
       *[other] представителя нацменьшинств
    }
home-plays =
    { $count ->
        [one] спектакль на латышском языке
        [few] спектакля на латышском языке
        [many] спектаклей на латышском языке
       *[other] спектакля на латышском языке
    }
home-lessons =
    { $count ->
        [one] урок латышского языка
        [few] урока латышского языка
        [many] уроков латышского языка
       *[other] урока латышского языка
    }
home-trainings =
    { $count ->
        [one] тренинг для руководителей НКО
        [few] тренинга для руководителей НКО
        [many] тренингов для руководителей НКО
       *[other] тренинга для руководителей НКО
    }
home-volunteers =
    { $count ->
        [one] волонтёр
        [few] волонтёра
        [many] волонтёров
       *[other] волонтёра
    }
home-broadcasts =
    { $count ->
        [one] телепередача
        [few] телепередачи
        [many] телепередач
       *[other] телепередачи
    }
home-publications =
    { $count ->
        [one] публикация в газетах
        [few] публикации в газетах
        [many] публикаций в газетах
       *[other] публикации в газетах
    }
home-press =
    { $count ->
        [one] пресс-релиз
        [few] пресс-релиза
        [many] пресс-релизов
       *[other] пресс-релиза
    }
home-postcards =
    { $count ->
        [one] информационная открытка
        [few] информационные открытки
        [many] информационных открыток
       *[other] информационной открытки
    }

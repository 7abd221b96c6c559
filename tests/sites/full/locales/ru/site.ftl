events-kind-show = Интерактивное шоу
events-kind-stage = Интеграционная сцена

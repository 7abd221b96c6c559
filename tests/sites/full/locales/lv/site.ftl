greeting = Sveiki no vietnes
events-kind-show = Interaktīvs šovs
events-kind-stage = Integrācijas skatuve
